using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>Metadata transport (JWT043) and token reading/validation (JWT044, JWT045): violations and safe twins.</summary>
public static class TransportSamples
{
    private const string InternalIdentity = "http://identity.internal:8080";

    public static void ConfigureApi(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddAuthentication()
            .AddJwtBearer("Internal", options =>
            {
                options.Authority = configuration["Auth:Authority"];
                options.Audience = "api";
                options.RequireHttpsMetadata = false; // expect: JWT043
            })
            .AddJwtBearer("Legacy", options =>
            {
                options.MetadataAddress = InternalIdentity + "/.well-known/openid-configuration"; // expect: JWT043; nofix: JWT043
            })
            .AddJwtBearer("Partner", options =>
            {
                // Safe twins: the environment decides, and a local identity server is loopback.
                options.Authority = configuration["Partner:Authority"];
                options.RequireHttpsMetadata = !environment.IsDevelopment();
            })
            .AddJwtBearer("LocalDev", options =>
            {
                options.Authority = "http://localhost:8080/realms/dev";
                options.RequireHttpsMetadata = false;
            })
            .AddJwtBearer("SymmetricKey", options =>
            {
                // No authority: no metadata is fetched, the flag is inert.
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = configuration["Jwt:Issuer"] };
            });
    }
}

/// <summary>A hand-rolled bearer middleware: trusts a decoded token (JWT044) and its validated twin.</summary>
public sealed class HandRolledBearerMiddleware(RequestDelegate next, TokenValidationParameters parameters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var raw = context.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
        if (context.Request.Path.StartsWithSegments("/legacy"))
        {
            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw); // expect: JWT044
            context.User = new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, "legacy"));
        }
        else
        {
            // Safe twin: validated, and the verdict checked before the identity is used.
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(raw, parameters);
            if (!result.IsValid)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            context.User = new ClaimsPrincipal(result.ClaimsIdentity);
        }

        await next(context);
    }
}

/// <summary>An authorization filter that decides on an unvalidated role claim (JWT044).</summary>
public sealed class AdminOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var raw = context.HttpContext.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
        var token = new JsonWebTokenHandler().ReadJsonWebToken(raw); // expect: JWT044
        if (!token.Claims.Any(c => c.Type == "role" && c.Value == "admin"))
        {
            context.Result = new ForbidResult();
        }
    }
}

/// <summary>Validation whose result is ignored (JWT045) and its checked twin.</summary>
public sealed class TokenChecker(TokenValidationParameters parameters, ILogger<TokenChecker> logger)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<bool> IsAcceptedAsync(string token)
    {
        await _handler.ValidateTokenAsync(token, parameters); // expect: JWT045; nofix: JWT045
        return true;
    }

    public async Task<ClaimsPrincipal?> PrincipalOfAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters); // expect: JWT045
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    public async Task<ClaimsPrincipal?> CheckedPrincipalOfAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            logger.LogWarning(result.Exception, "Rejected token");
            return null;
        }

        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    public void LogExpiry(string token)
    {
        // Safe twin: reading the lifetime for a log line authenticates nobody.
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        logger.LogInformation("Token expires at {Expiry}", jwt.ValidTo);
    }
}

/// <summary>Safe twin: a Blazor authentication state provider reads the token to show who is signed in.</summary>
public sealed class DisplayAuthenticationStateProvider : AuthenticationStateProvider
{
    private string? _token;

    public void SignedIn(string token)
    {
        _token = token;
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    public override Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        if (_token is null) return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(_token);
        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, "jwt"))));
    }
}
