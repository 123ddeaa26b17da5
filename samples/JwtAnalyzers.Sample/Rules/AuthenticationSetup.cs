using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>The API's bearer-token setup: violations and their safe twins.</summary>
public static class AuthenticationSetup
{
    public static void Configure(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidIssuer = configuration["Jwt:Issuer"],
                    ValidAudience = configuration["Jwt:Audience"],
                    ValidateLifetime = false, // expect: JWT001
                    RequireExpirationTime = false, // expect: JWT002
                };
            })
            .AddJwtBearer("Partner", options =>
            {
                // Safe twins: values from configuration and the environment are not provably bad.
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateLifetime = configuration.GetValue("Jwt:ValidateLifetime", true),
                    RequireExpirationTime = !environment.IsDevelopment(),
                };
            });
    }
}
