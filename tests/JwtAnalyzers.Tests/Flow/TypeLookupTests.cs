using System.Collections.Immutable;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace JwtAnalyzers.Tests.Flow
{
    /// <summary>
    /// TypeLookup looks for a library's type in the library's own assembly, and for framework types in the assemblies
    /// that usually hold them, before (or instead of) the whole compilation: its answers must be the compiler's.
    /// </summary>
    public class TypeLookupTests
    {
        /// <summary>Every type name the rules look up.</summary>
        public static readonly TheoryData<string> Names = new TheoryData<string>
        {
            "Blazored.LocalStorage.ILocalStorageService",
            "Blazored.LocalStorage.ISyncLocalStorageService",
            "Blazored.SessionStorage.ISessionStorageService",
            "Blazored.SessionStorage.ISyncSessionStorageService",
            "JWT.Builder.ClaimName",
            "JWT.Builder.JwtBuilder",
            "JWT.Builder.JwtBuilderExtensions",
            "JWT.IJwtDecoder",
            "JWT.IJwtEncoder",
            "JWT.JwtDecoder",
            "JWT.JwtEncoder",
            "JWT.JwtEncoderExtensions",
            "Jose.JWT",
            "Jose.JwsAlgorithm",
            "Microsoft.AspNetCore.Authentication.AuthenticateResult",
            "Microsoft.AspNetCore.Authentication.AuthenticationTicket",
            "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions",
            "Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext",
            "Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions",
            "Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext",
            "Microsoft.AspNetCore.Authorization.AuthorizeAttribute",
            "Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider",
            "Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder",
            "Microsoft.AspNetCore.Http.CookieOptions",
            "Microsoft.AspNetCore.Http.HttpContext",
            "Microsoft.AspNetCore.Http.HttpResponse",
            "Microsoft.AspNetCore.Http.IResponseCookies",
            "Microsoft.AspNetCore.Http.SameSiteMode",
            "Microsoft.AspNetCore.Mvc.ControllerBase",
            "Microsoft.Extensions.Configuration.IConfiguration",
            "Microsoft.Extensions.Hosting.IHostEnvironment",
            "Microsoft.Extensions.Logging.ILogger",
            "Microsoft.IdentityModel.JsonWebTokens.JsonWebToken",
            "Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler",
            "Microsoft.IdentityModel.Logging.IdentityModelEventSource",
            "Microsoft.IdentityModel.Tokens.JsonWebKey",
            "Microsoft.IdentityModel.Tokens.JsonWebKeySet",
            "Microsoft.IdentityModel.Tokens.RsaSecurityKey",
            "Microsoft.IdentityModel.Tokens.SecurityAlgorithms",
            "Microsoft.IdentityModel.Tokens.SecurityKey",
            "Microsoft.IdentityModel.Tokens.SecurityToken",
            "Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor",
            "Microsoft.IdentityModel.Tokens.SigningCredentials",
            "Microsoft.IdentityModel.Tokens.SymmetricSecurityKey",
            "Microsoft.IdentityModel.Tokens.TokenHandler",
            "Microsoft.IdentityModel.Tokens.TokenValidationParameters",
            "Microsoft.IdentityModel.Tokens.TokenValidationResult",
            "Microsoft.JSInterop.IJSInProcessObjectReference",
            "Microsoft.JSInterop.IJSInProcessRuntime",
            "Microsoft.JSInterop.IJSObjectReference",
            "Microsoft.JSInterop.IJSRuntime",
            "System.Collections.Generic.IDictionary`2",
            "System.Convert",
            "System.Guid",
            "System.IdentityModel.Tokens.Jwt.JwtHeader",
            "System.IdentityModel.Tokens.Jwt.JwtPayload",
            "System.IdentityModel.Tokens.Jwt.JwtSecurityToken",
            "System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler",
            "System.Random",
            "System.Security.Claims.Claim",
            "System.Security.Claims.ClaimTypes",
            "System.Security.Claims.ClaimsIdentity",
            "System.Security.Claims.ClaimsPrincipal",
            "System.Security.Cryptography.AsymmetricAlgorithm",
            "System.Security.Cryptography.ECParameters",
            "System.Security.Cryptography.RSAParameters",
            "System.Security.Cryptography.RandomNumberGenerator",
            "System.Security.Cryptography.X509Certificates.X509Certificate2",
            "System.Security.Cryptography.X509Certificates.X509CertificateLoader",
            "System.Security.Principal.GenericPrincipal",
            "System.Text.Encoding",
            "System.Threading.Thread",
        };

        [Theory]
        [MemberData(nameof(Names))]
        public void EveryLookup_AgreesWithTheCompiler_WithAndWithoutTheLibraries(string metadataName)
        {
            foreach (var references in new[] { References.All, References.Net80, ImmutableArray<MetadataReference>.Empty })
            {
                var compilation = CSharpCompilation.Create("Lookup", new[] { CSharpSyntaxTree.ParseText("class C { }") }, references);
                var expected = compilation.GetTypeByMetadataName(metadataName);
                Assert.Equal(expected, TypeLookup.Get(compilation, metadataName), SymbolEqualityComparer.Default);
            }
        }

        [Fact]
        public void AllLibrariesReferenced_TheirTypesAreFound()
        {
            var compilation = CSharpCompilation.Create("Lookup", new[] { CSharpSyntaxTree.ParseText("class C { }") }, References.All);
            foreach (var name in new[] { "Microsoft.IdentityModel.Tokens.TokenValidationParameters", "System.IdentityModel.Tokens.Jwt.JwtSecurityToken", "JWT.Builder.JwtBuilder", "Jose.JWT", "Blazored.SessionStorage.ISessionStorageService", "Microsoft.JSInterop.IJSRuntime", "System.Security.Claims.Claim", "Microsoft.AspNetCore.Http.CookieOptions" })
            {
                Assert.NotNull(TypeLookup.Get(compilation, name));
            }
        }

        [Fact]
        public void X509CertificateLoader_IsLookedForOnlyWhereItShips_AndFoundThere()
        {
            // TypeLookup looks for it only in System.Security.Cryptography (.NET 9 and later), Microsoft.Bcl.Cryptography
            // (which brings it to .NET 8) and source; the theory above covers .NET 8 without the package.
            const string name = "System.Security.Cryptography.X509Certificates.X509CertificateLoader";
            var withPackage = CSharpCompilation.Create("Lookup", new[] { CSharpSyntaxTree.ParseText("class C { }") }, References.Net80.AddRange(References.BclCryptography));
            var expected = withPackage.GetTypeByMetadataName(name);
            Assert.Equal("Microsoft.Bcl.Cryptography", expected?.ContainingAssembly.Name);
            Assert.Equal(expected, TypeLookup.Get(withPackage, name), SymbolEqualityComparer.Default);

            var inSource = CSharpCompilation.Create("Lookup", new[] { CSharpSyntaxTree.ParseText("namespace System.Security.Cryptography.X509Certificates { public static class X509CertificateLoader { } }") }, References.Net80);
            Assert.NotNull(TypeLookup.Get(inSource, name));
            Assert.Equal(inSource.GetTypeByMetadataName(name), TypeLookup.Get(inSource, name), SymbolEqualityComparer.Default);
        }

        [Fact]
        public void LibraryNotReferenced_ATypeDeclaredInSourceIsStillFound()
        {
            var compilation = CSharpCompilation.Create("Lookup", new[] { CSharpSyntaxTree.ParseText("namespace Jose { public static class JWT { } }") }, References.Net80);
            var found = TypeLookup.Get(compilation, "Jose.JWT");
            Assert.NotNull(found);
            Assert.Equal(compilation.GetTypeByMetadataName("Jose.JWT"), found, SymbolEqualityComparer.Default);
        }
    }
}
