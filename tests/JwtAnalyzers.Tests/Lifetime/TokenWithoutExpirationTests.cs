using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Lifetime.TokenWithoutExpirationAnalyzer,
    JwtAnalyzers.CodeFixes.Lifetime.AddExpirationCodeFixProvider>;

namespace JwtAnalyzers.Tests.Lifetime
{
    public class TokenWithoutExpirationTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
";

        // ---- new JwtSecurityToken(...) ------------------------------------------------------------------------

        [Fact]
        public async Task ExpiresOmitted_Reports_AndFixAddsExpires()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    string Create(IEnumerable<Claim> claims, SigningCredentials credentials)
    {
        var token = {|#0:new JwtSecurityToken(""issuer"", ""audience"", claims, signingCredentials: credentials)|};
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}", Usings + @"
class TokenService
{
    string Create(IEnumerable<Claim> claims, SigningCredentials credentials)
    {
        var token = new JwtSecurityToken(""issuer"", ""audience"", claims, signingCredentials: credentials, expires: DateTime.UtcNow.AddMinutes(15));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}", Verify.Diagnostic("JWT003").WithLocation(0).WithArguments("'new JwtSecurityToken(...)'"));
        }

        [Fact]
        public async Task ExpiresNamedNull_Reports_AndFixReplacesNull()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims, SigningCredentials credentials)
        => {|JWT003:new JwtSecurityToken(
            issuer: ""issuer"",
            audience: ""audience"",
            claims: claims,
            expires: null, // forever
            signingCredentials: credentials)|};
}", Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims, SigningCredentials credentials)
        => new JwtSecurityToken(
            issuer: ""issuer"",
            audience: ""audience"",
            claims: claims,
            expires: DateTime.UtcNow.AddMinutes(15), // forever
            signingCredentials: credentials);
}");
        }

        [Fact]
        public async Task ExpiresPositionalNull_Reports_AndFixReplacesNull()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims, SigningCredentials credentials)
        => {|JWT003:new JwtSecurityToken(""issuer"", ""audience"", claims, DateTime.UtcNow, null, credentials)|};
}", Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims, SigningCredentials credentials)
        => new JwtSecurityToken(""issuer"", ""audience"", claims, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(15), credentials);
}");
        }

        [Fact]
        public async Task ExpiresNullThroughLocalAndTernary_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    const bool Forever = true;
    JwtSecurityToken Create(IEnumerable<Claim> claims, bool remember)
    {
        DateTime? expiry = null;
        var a = {|JWT003:new JwtSecurityToken(""issuer"", ""audience"", claims, expires: expiry)|};
        var b = {|JWT003:new JwtSecurityToken(""issuer"", ""audience"", claims, expires: remember ? null : default(DateTime?))|};
        return a;
    }
}");
        }

        [Fact]
        public async Task ExpiresSetOrFromParameter_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    void Create(IEnumerable<Claim> claims, SigningCredentials credentials, DateTime? expires, bool remember)
    {
        var a = new JwtSecurityToken(""issuer"", ""audience"", claims, expires: DateTime.UtcNow.AddMinutes(30), signingCredentials: credentials);
        var b = new JwtSecurityToken(""issuer"", ""audience"", claims, DateTime.UtcNow, DateTime.UtcNow.AddHours(1), credentials);
        var c = new JwtSecurityToken(""issuer"", ""audience"", claims, expires: expires);
        var d = new JwtSecurityToken(""issuer"", ""audience"", claims, expires: remember ? DateTime.UtcNow.AddDays(30) : null);
        DateTime? later = null;
        later = DateTime.UtcNow.AddMinutes(5);
        var e = new JwtSecurityToken(""issuer"", ""audience"", claims, expires: later);
    }
}");
        }

        [Fact]
        public async Task ParsingConstructor_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenReader
{
    JwtSecurityToken Read(string jwt) => new JwtSecurityToken(jwt);
}");
        }

        [Fact]
        public async Task ClaimsCarryExp_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Create(string user)
    {
        var claims = new List<Claim>
        {
            new Claim(JwtRegisteredClaimNames.Sub, user),
            new Claim(JwtRegisteredClaimNames.Exp, DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds().ToString()),
        };
        return new JwtSecurityToken(""issuer"", ""audience"", claims);
    }

    JwtSecurityToken CreateAndPatch(IEnumerable<Claim> claims)
    {
        var token = new JwtSecurityToken(""issuer"", ""audience"", claims);
        token.Payload[""exp""] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return token;
    }
}");
        }

        [Fact]
        public async Task ClaimsFromHelperOfTheClassCarryExp_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Create(string user, SigningCredentials credentials)
        => new JwtSecurityToken(""issuer"", ""audience"", GetClaims(user), signingCredentials: credentials);

    JwtSecurityToken CreateFromPayload(string user, SigningCredentials credentials)
        => new JwtSecurityToken(new JwtHeader(credentials), new JwtPayload(GetClaims(user)));

    static IEnumerable<Claim> GetClaims(string user) => new[]
    {
        new Claim(JwtRegisteredClaimNames.Sub, user),
        new Claim(JwtRegisteredClaimNames.Exp, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString()),
    };
}");
        }

        [Fact]
        public async Task ClaimsFromHelperOfTheClassWithoutExp_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Create(string user, SigningCredentials credentials)
        => {|JWT003:new JwtSecurityToken(""issuer"", ""audience"", GetClaims(user), signingCredentials: credentials)|};

    static IEnumerable<Claim> GetClaims(string user) => new[] { new Claim(JwtRegisteredClaimNames.Sub, user) };
}");
        }

        [Fact]
        public async Task InDevelopmentBranch_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.Extensions.Hosting;

class TokenService
{
    JwtSecurityToken? Create(IHostEnvironment env, IEnumerable<Claim> claims)
    {
        if (env.IsDevelopment())
        {
            return new JwtSecurityToken(""issuer"", ""audience"", claims);
        }

        return null;
    }
}");
        }

        [Fact]
        public async Task FileWithoutUsingSystem_FixAddsUsingSystem()
        {
            await Verify.VerifyCodeFixAsync(@"// Licensed to the example.
using System.IdentityModel.Tokens.Jwt;

class TokenService
{
    JwtSecurityToken Create() => {|JWT003:new JwtSecurityToken(""issuer"", ""audience"")|};
}", @"// Licensed to the example.
using System;
using System.IdentityModel.Tokens.Jwt;

class TokenService
{
    JwtSecurityToken Create() => new JwtSecurityToken(""issuer"", ""audience"", expires: DateTime.UtcNow.AddMinutes(15));
}");
        }

        [Fact]
        public async Task FileWithUsingsInsideNamespace_FixAddsUsingSystemThere()
        {
            await Verify.VerifyCodeFixAsync(@"namespace App
{
    using System.IdentityModel.Tokens.Jwt;

    class TokenService
    {
        JwtSecurityToken Create() => {|JWT003:new JwtSecurityToken()|};
    }
}", @"namespace App
{
    using System;
    using System.IdentityModel.Tokens.Jwt;

    class TokenService
    {
        JwtSecurityToken Create() => new JwtSecurityToken(expires: DateTime.UtcNow.AddMinutes(15));
    }
}");
        }

        [Fact]
        public async Task TwoTokensInOneFile_FixAllAddsBoth()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Access(IEnumerable<Claim> claims) => {|JWT003:new JwtSecurityToken(""issuer"", ""audience"", claims)|};

    JwtSecurityToken Refresh(IEnumerable<Claim> claims)
        => {|JWT003:new JwtSecurityToken(
            ""issuer"",
            ""audience"",
            claims,
            expires: null)|};
}", Usings + @"
class TokenService
{
    JwtSecurityToken Access(IEnumerable<Claim> claims) => new JwtSecurityToken(""issuer"", ""audience"", claims, expires: DateTime.UtcNow.AddMinutes(15));

    JwtSecurityToken Refresh(IEnumerable<Claim> claims)
        => new JwtSecurityToken(
            ""issuer"",
            ""audience"",
            claims,
            expires: DateTime.UtcNow.AddMinutes(15));
}");
        }

        [Fact]
        public async Task MultiLineArgumentsWithoutExpires_FixAddsArgumentOnItsOwnLine()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims, SigningCredentials credentials)
        => {|JWT003:new JwtSecurityToken(
            issuer: ""issuer"",
            audience: ""audience"",
            claims: claims,
            signingCredentials: credentials)|};
}", Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims, SigningCredentials credentials)
        => new JwtSecurityToken(
            issuer: ""issuer"",
            audience: ""audience"",
            claims: claims,
            signingCredentials: credentials,
            expires: DateTime.UtcNow.AddMinutes(15));
}");
        }

        [Fact]
        public async Task TwoTokensInFileWithoutUsingSystem_FixAllAddsOneUsing()
        {
            await Verify.VerifyCodeFixAsync(@"using System.IdentityModel.Tokens.Jwt;

class TokenService
{
    JwtSecurityToken Access() => {|JWT003:new JwtSecurityToken(""issuer"", ""audience"")|};

    JwtSecurityToken Refresh() => {|JWT003:new JwtSecurityToken(""issuer"", ""audience"", expires: null)|};
}", @"using System;
using System.IdentityModel.Tokens.Jwt;

class TokenService
{
    JwtSecurityToken Access() => new JwtSecurityToken(""issuer"", ""audience"", expires: DateTime.UtcNow.AddMinutes(15));

    JwtSecurityToken Refresh() => new JwtSecurityToken(""issuer"", ""audience"", expires: DateTime.UtcNow.AddMinutes(15));
}");
        }

        [Fact]
        public async Task TargetTypedNew_Reports_AndFixAddsExpires()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims)
    {
        JwtSecurityToken token = {|JWT003:new(""issuer"", ""audience"", claims)|};
        return token;
    }
}", Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims)
    {
        JwtSecurityToken token = new(""issuer"", ""audience"", claims, expires: DateTime.UtcNow.AddMinutes(15));
        return token;
    }
}");
        }

        // ---- new JwtSecurityToken(header, payload) -----------------------------------------------------------

        [Fact]
        public async Task HeaderAndPayloadBuiltWithoutExp_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    void Create(IEnumerable<Claim> claims, SigningCredentials credentials)
    {
        var header = new JwtHeader(credentials);
        var a = {|JWT003:new JwtSecurityToken(header, new JwtPayload(claims))|};
        var payload = new JwtPayload(""issuer"", ""audience"", claims, notBefore: null, expires: null);
        payload[""role""] = ""admin"";
        var b = {|JWT003:new JwtSecurityToken(header, payload)|};
    }
}");
        }

        [Fact]
        public async Task HeaderAndPayloadWithExpOrUnknown_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    void Create(IEnumerable<Claim> claims, SigningCredentials credentials, JwtPayload given, IEnumerable<Claim> more)
    {
        var header = new JwtHeader(credentials);
        var a = new JwtSecurityToken(header, new JwtPayload(""issuer"", ""audience"", claims, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5)));
        var b = new JwtSecurityToken(header, given);
        var payload = new JwtPayload(claims);
        payload.AddClaims(more);
        var c = new JwtSecurityToken(header, payload);
        var patched = new JwtPayload(claims);
        patched.Add(JwtRegisteredClaimNames.Exp, 1700000000);
        var d = new JwtSecurityToken(header, patched);
    }
}");
        }

        // ---- JsonWebTokenHandler.CreateToken(string payload) -----------------------------------------------

        private const string JsonUsings = Usings + @"using Microsoft.IdentityModel.JsonWebTokens;
";

        [Fact]
        public async Task JsonPayloadWithoutExp_Reports()
        {
            await Verify.VerifyAnalyzerAsync(JsonUsings + @"
class TokenService
{
    const string Template = ""{\""sub\"":\""service\"",\""scope\"":\""read\""}"";

    void Create(SigningCredentials credentials, string userId)
    {
        var handler = new JsonWebTokenHandler();
        var a = {|#0:handler.CreateToken(""{\""sub\"":\""123\"",\""name\"":\""Ann\""}"", credentials)|};
        var b = {|JWT003:handler.CreateToken(Template)|};
        var c = {|JWT003:handler.CreateToken($""{{\""sub\"":\""{userId}\"",\""iat\"":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}"", credentials)|};
        var d = {|JWT003:handler.CreateToken(System.Text.Json.JsonSerializer.Serialize(new { sub = userId }), credentials)|};
    }
}", Verify.Diagnostic("JWT003").WithLocation(0).WithArguments("'JsonWebTokenHandler.CreateToken'"));
        }

        [Fact]
        public async Task JsonPayloadWithExpOrUnknown_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(JsonUsings + @"
class TokenService
{
    void Create(SigningCredentials credentials, string payload, string key, long expiry)
    {
        var handler = new JsonWebTokenHandler();
        var a = handler.CreateToken(""{\""sub\"":\""123\"",\""exp\"":1700000000}"", credentials);
        var b = handler.CreateToken(payload, credentials);
        var c = handler.CreateToken($""{{\""sub\"":\""x\"",{key}}}"", credentials);
        var d = handler.CreateToken($""{{\""sub\"":\""x\"",\""exp\"":{expiry}}}"", credentials);
        var e = handler.CreateToken(System.Text.Json.JsonSerializer.Serialize(new { sub = key, Exp = expiry }), credentials);
    }
}");
        }

        // ---- SecurityTokenDescriptor with SetDefaultTimesOnTokenCreation = false -----------------------------

        [Fact]
        public async Task DescriptorWithoutExpiresOnHandlerWithoutDefaults_Reports_AndFixAddsExpires()
        {
            await Verify.VerifyCodeFixAsync(JsonUsings + @"
class TokenService
{
    string Create(ClaimsIdentity identity, SigningCredentials credentials)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = identity,
            SigningCredentials = credentials
        };
        return {|#0:handler.CreateToken(descriptor)|};
    }
}", JsonUsings + @"
class TokenService
{
    string Create(ClaimsIdentity identity, SigningCredentials credentials)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = identity,
            SigningCredentials = credentials,
            Expires = DateTime.UtcNow.AddMinutes(15)
        };
        return handler.CreateToken(descriptor);
    }
}", Verify.Diagnostic("JWT003").WithLocation(0).WithArguments("'JsonWebTokenHandler.CreateToken'"));
        }

        [Fact]
        public async Task DescriptorOnHandlerDisabledByAssignment_Reports_AndFixAddsInitializer()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    private readonly JwtSecurityTokenHandler _handler = new JwtSecurityTokenHandler();

    string Create(ClaimsIdentity identity)
    {
        _handler.SetDefaultTimesOnTokenCreation = false;
        var descriptor = new SecurityTokenDescriptor();
        descriptor.Subject = identity;
        return {|JWT003:_handler.CreateEncodedJwt(descriptor)|};
    }
}", Usings + @"
class TokenService
{
    private readonly JwtSecurityTokenHandler _handler = new JwtSecurityTokenHandler();

    string Create(ClaimsIdentity identity)
    {
        _handler.SetDefaultTimesOnTokenCreation = false;
        var descriptor = new SecurityTokenDescriptor() { Expires = DateTime.UtcNow.AddMinutes(15) };
        descriptor.Subject = identity;
        return _handler.CreateEncodedJwt(descriptor);
    }
}");
        }

        [Fact]
        public async Task DescriptorOnStaticHandlerWithoutDefaults_Reports()
        {
            await Verify.VerifyAnalyzerAsync(JsonUsings + @"
static class Tokens
{
    private static readonly JsonWebTokenHandler Handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };

    public static string Create(ClaimsIdentity identity)
        => {|JWT003:Handler.CreateToken(new SecurityTokenDescriptor { Subject = identity })|};
}");
        }

        [Fact]
        public async Task DescriptorOnDefaultHandlerOrWithExpires_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(JsonUsings + @"
class TokenService
{
    void Create(ClaimsIdentity identity, bool setDefaults, Dictionary<string, object> claims, SecurityTokenDescriptor given)
    {
        var defaults = new JsonWebTokenHandler();
        var a = defaults.CreateToken(new SecurityTokenDescriptor { Subject = identity });
        var configured = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = setDefaults };
        var b = configured.CreateToken(new SecurityTokenDescriptor { Subject = identity });

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var c = handler.CreateToken(new SecurityTokenDescriptor { Subject = identity, Expires = DateTime.UtcNow.AddMinutes(5) });
        var later = new SecurityTokenDescriptor { Subject = identity };
        later.Expires = DateTime.UtcNow.AddMinutes(5);
        var d = handler.CreateToken(later);
        var e = handler.CreateToken(new SecurityTokenDescriptor { Subject = identity, Claims = claims });
        var f = handler.CreateToken(given);
    }
}");
        }

        [Fact]
        public async Task ExplicitNullExpiresOnHandlerWithoutDefaults_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    string Create(ClaimsIdentity identity, SigningCredentials credentials)
    {
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var withDefaults = new JwtSecurityTokenHandler();
        var safe = withDefaults.CreateEncodedJwt(""issuer"", ""audience"", identity, null, null, null, credentials);
        return {|JWT003:handler.CreateEncodedJwt(""issuer"", ""audience"", identity, null, null, DateTime.UtcNow, credentials)|};
    }
}");
        }

        [Fact]
        public async Task DescriptorOnHandlerReEnabled_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    string Create(ClaimsIdentity identity)
    {
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        handler.SetDefaultTimesOnTokenCreation = true;
        return handler.CreateEncodedJwt(new SecurityTokenDescriptor { Subject = identity });
    }
}");
        }

        // ---- JWT.Net JwtBuilder ---------------------------------------------------------------------------------

        private const string BuilderUsings = @"using System;
using JWT.Algorithms;
using JWT.Builder;
";

        [Fact]
        public async Task BuilderChainWithoutExpirationTime_Reports_AndFixInsertsExpirationTime()
        {
            await Verify.VerifyCodeFixAsync(BuilderUsings + @"
class TokenService
{
    string Create(string secret, string user)
    {
        return new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(secret)
            .AddClaim(""sub"", user)
            .AddClaim(ClaimName.Issuer, ""me"")
            .{|#0:Encode()|};
    }
}", BuilderUsings + @"
class TokenService
{
    string Create(string secret, string user)
    {
        return new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(secret)
            .AddClaim(""sub"", user)
            .AddClaim(ClaimName.Issuer, ""me"")
            .ExpirationTime(DateTime.UtcNow.AddMinutes(15))
            .Encode();
    }
}", Verify.Diagnostic("JWT003").WithLocation(0).WithArguments("'JwtBuilder.Encode'"));
        }

        [Fact]
        public async Task BuilderWithoutExtensionsInScope_Reports_AndFixAddsExpClaim()
        {
            await Verify.VerifyCodeFixAsync(@"class TokenService
{
    string Create(string secret)
    {
        var builder = new JWT.Builder.JwtBuilder().WithAlgorithm(new JWT.Algorithms.HMACSHA256Algorithm());
        builder.WithSecret(secret);
        builder.AddClaim(""role"", ""admin"");
        return builder.{|JWT003:Encode()|};
    }
}", @"using System;

class TokenService
{
    string Create(string secret)
    {
        var builder = new JWT.Builder.JwtBuilder().WithAlgorithm(new JWT.Algorithms.HMACSHA256Algorithm());
        builder.WithSecret(secret);
        builder.AddClaim(""role"", ""admin"");
        return builder.AddClaim(""exp"", DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds()).Encode();
    }
}");
        }

        [Fact]
        public async Task BuilderWithExpirationOrUnknownClaims_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(BuilderUsings + @"
using System.Collections.Generic;

static class MyBuilderExtensions
{
    public static JwtBuilder WithStandardClaims(this JwtBuilder builder) => builder;
}

class TokenService
{
    void Create(string secret, JwtBuilder given, IEnumerable<KeyValuePair<string, object>> claims, string claimName)
    {
        var a = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret)
            .ExpirationTime(DateTime.UtcNow.AddHours(1)).Encode();
        var b = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret).Encode2(claimName);
        var c = given.AddClaim(""sub"", ""x"").Encode();
        var d = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).AddClaims(claims).Encode();
        var e = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithStandardClaims().Encode();

        var local = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm());
        Configure(local);
        var f = local.Encode();

        var withStatement = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm());
        withStatement.ExpirationTime(DateTime.UtcNow.AddHours(1));
        var g = withStatement.Encode();
    }

    void Configure(JwtBuilder builder) { }
}

static class Encoding2
{
    public static string Encode2(this JwtBuilder builder, string claimName) => builder.AddClaim(claimName, 1).Encode();
}");
        }

        [Fact]
        public async Task BuilderWithExpClaimByName_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(BuilderUsings + @"
class TokenService
{
    string A(string secret) => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret)
        .AddClaim(""exp"", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()).Encode();

    string B(string secret) => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret)
        .AddClaim(ClaimName.ExpirationTime, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()).Encode();
}");
        }

        [Fact]
        public async Task BuilderDecode_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(BuilderUsings + @"
class TokenService
{
    string Read(string secret, string token) => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret).MustVerifySignature().Decode(token);
}");
        }

        // ---- jose-jwt JWT.Encode --------------------------------------------------------------------------------

        private const string JoseUsings = @"using System;
using System.Collections.Generic;
using Jose;
";

        [Fact]
        public async Task JoseDictionaryWithoutExp_Reports_AndFixAddsEntry()
        {
            await Verify.VerifyCodeFixAsync(JoseUsings + @"
class TokenService
{
    string Create(byte[] key, string user)
    {
        var payload = new Dictionary<string, object>
        {
            { ""sub"", user },
            { ""iat"", DateTimeOffset.UtcNow.ToUnixTimeSeconds() }
        };
        payload.Add(""role"", ""admin"");
        return {|#0:Jose.JWT.Encode(payload, key, JwsAlgorithm.HS256)|};
    }
}", JoseUsings + @"
class TokenService
{
    string Create(byte[] key, string user)
    {
        var payload = new Dictionary<string, object>
        {
            { ""sub"", user },
            { ""iat"", DateTimeOffset.UtcNow.ToUnixTimeSeconds() },
            { ""exp"", DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds() }
        };
        payload.Add(""role"", ""admin"");
        return Jose.JWT.Encode(payload, key, JwsAlgorithm.HS256);
    }
}", Verify.Diagnostic("JWT003").WithLocation(0).WithArguments("'JWT.Encode'"));
        }

        [Fact]
        public async Task JoseIndexInitializerAndAnonymousObject_Report_AndFixAllAddsExp()
        {
            await Verify.VerifyCodeFixAsync(JoseUsings + @"
class TokenService
{
    string A(byte[] key, string user) => {|JWT003:Jose.JWT.Encode(new Dictionary<string, object> { [""sub""] = user, }, key, JwsAlgorithm.HS256)|};

    string B(byte[] key, string user) => {|JWT003:Jose.JWT.Encode(new { sub = user, role = ""admin"" }, key, JwsAlgorithm.HS256)|};
}", JoseUsings + @"
class TokenService
{
    string A(byte[] key, string user) => Jose.JWT.Encode(new Dictionary<string, object> { [""sub""] = user, [""exp""] = DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds(), }, key, JwsAlgorithm.HS256);

    string B(byte[] key, string user) => Jose.JWT.Encode(new { sub = user, role = ""admin"", exp = DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds() }, key, JwsAlgorithm.HS256);
}");
        }

        [Fact]
        public async Task JoseJsonStringAndStringDictionary_Report_WithoutFix()
        {
            var source = JoseUsings + @"
class TokenService
{
    void Create(byte[] key)
    {
        var a = {|JWT003:Jose.JWT.Encode(""{\""sub\"":\""service\""}"", key, JwsAlgorithm.HS256)|};
        var b = {|JWT003:Jose.JWT.Encode(new Dictionary<string, string> { { ""sub"", ""service"" } }, key, JwsAlgorithm.HS256)|};
    }
}";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task JosePayloadWithExpOrUnknown_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(JoseUsings + @"
class TokenService
{
    void Create(byte[] key, object given, string claim, Dictionary<string, object> source)
    {
        var a = Jose.JWT.Encode(new Dictionary<string, object> { { ""sub"", ""x"" }, { ""exp"", 1700000000 } }, key, JwsAlgorithm.HS256);
        var b = Jose.JWT.Encode(given, key, JwsAlgorithm.HS256);
        var dynamicKey = new Dictionary<string, object> { { ""sub"", ""x"" } };
        dynamicKey.Add(claim, 1);
        var c = Jose.JWT.Encode(dynamicKey, key, JwsAlgorithm.HS256);
        var passed = new Dictionary<string, object> { { ""sub"", ""x"" } };
        Fill(passed);
        var d = Jose.JWT.Encode(passed, key, JwsAlgorithm.HS256);
        var copied = new Dictionary<string, object>(source);
        var e = Jose.JWT.Encode(copied, key, JwsAlgorithm.HS256);
        var f = Jose.JWT.Encode(new { sub = ""x"", exp = 1700000000 }, key, JwsAlgorithm.HS256);
    }

    void Fill(Dictionary<string, object> payload) { }
}");
        }

        // ---- known gaps -------------------------------------------------------------------------------------

        [Fact]
        public async Task KnownGap_HandlerFromFactoryMethod_DoesNotReport()
        {
            // Gap: SetDefaultTimesOnTokenCreation = false inside a factory method is not followed (only initializers
            // of the object itself, readonly field initializers and assignments in the same method are).
            await Verify.VerifyAnalyzerAsync(JsonUsings + @"
static class Tokens
{
    static readonly JsonWebTokenHandler Handler = CreateHandler();

    static JsonWebTokenHandler CreateHandler() => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };

    public static string Create(ClaimsIdentity identity) => Handler.CreateToken(new SecurityTokenDescriptor { Subject = identity });
}");
        }

        [Fact]
        public async Task KnownGap_JwtNetEncoderWithDictionary_DoesNotReport()
        {
            // Gap: JWT.Net's lower-level IJwtEncoder.Encode(payload, key) is outside the rule's spec (JwtBuilder only).
            await Verify.VerifyAnalyzerAsync(@"using System.Collections.Generic;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;

class TokenService
{
    string Create(string secret)
    {
        var payload = new Dictionary<string, object> { { ""sub"", ""x"" } };
        IJwtEncoder encoder = new JwtEncoder(new HMACSHA256Algorithm(), new JsonNetSerializer(), new JwtBase64UrlEncoder());
        return encoder.Encode(payload, secret);
    }
}");
        }

        [Fact]
        public async Task KnownGap_JwtPayloadFilledByLoop_DoesNotReport()
        {
            // Gap: keys added in a loop (payload.Add(claim.Type, ...)) are not constant, so the payload is unknown.
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    JwtSecurityToken Create(IEnumerable<Claim> claims, SigningCredentials credentials)
    {
        var payload = new JwtPayload();
        foreach (var claim in claims) payload.Add(claim.Type, claim.Value);
        return new JwtSecurityToken(new JwtHeader(credentials), payload);
    }
}");
        }

        // ---- generated code and robustness ---------------------------------------------------------------------

        [Fact]
        public async Task GeneratedCode_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"// <auto-generated/>
using System.IdentityModel.Tokens.Jwt;

class Component
{
    JwtSecurityToken Create() => {|JWT003:new JwtSecurityToken(""issuer"", ""audience"")|};
}");
        }

        [Theory]
        [InlineData("var t = new JwtSecurityToken(\"issuer\", \"audience\", expires: );")]
        [InlineData("var t = new JwtSecurityToken(")]
        [InlineData("var t = new JwtSecurityToken(header, new JwtPayload(claims);")]
        [InlineData("var t = new JsonWebTokenHandler().CreateToken(\"{\\\"sub\\\":\", );")]
        [InlineData("var t = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor { Subject = , });")]
        [InlineData("var t = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).Encode(;")]
        [InlineData("var t = new JwtBuilder().Unknown().Encode();")]
        [InlineData("var t = builder.AddClaim(\"sub\", 1).Encode();")]
        [InlineData("var t = Jose.JWT.Encode(new Dictionary<string, object> { { , 1 } }, key, JwsAlgorithm.HS256);")]
        [InlineData("var t = Jose.JWT.Encode(new { = 1 }, key);")]
        [InlineData("var t = Jose.JWT.Encode(payload, key, JwsAlgorithm.HS256")]
        [InlineData("var t = new UnknownType().CreateToken(\"{}\");")]
        public async Task BrokenCode_DoesNotThrow(string statement)
        {
            var test = new Verify.Test
            {
                TestCode = @"using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using JWT.Algorithms;
using JWT.Builder;
using Jose;

class Broken
{
    void M(byte[] key)
    {
        " + statement + @"
    }
}",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync(CancellationToken.None);
        }
    }
}
