using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers
{
    /// <summary>
    /// The library types the rules are about, resolved once per compilation. A property is null when the
    /// compilation does not reference the library, so a rule can register nothing and cost nothing.
    /// </summary>
    internal sealed class JwtSymbols
    {
        private JwtSymbols(Compilation compilation)
        {
            // Microsoft.IdentityModel.Tokens
            TokenValidationParameters = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.TokenValidationParameters");
            SecurityTokenDescriptor = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor");
            SymmetricSecurityKey = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.SymmetricSecurityKey");
            SigningCredentials = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.SigningCredentials");
            SecurityAlgorithms = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.SecurityAlgorithms");
            SecurityKey = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.SecurityKey");
            TokenHandler = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.TokenHandler");

            // System.IdentityModel.Tokens.Jwt
            JwtSecurityToken = TypeLookup.Get(compilation, "System.IdentityModel.Tokens.Jwt.JwtSecurityToken");
            JwtSecurityTokenHandler = TypeLookup.Get(compilation, "System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler");
            JwtPayload = TypeLookup.Get(compilation, "System.IdentityModel.Tokens.Jwt.JwtPayload");

            // Microsoft.IdentityModel.JsonWebTokens
            JsonWebTokenHandler = TypeLookup.Get(compilation, "Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler");

            // JWT (Jwt.Net)
            JwtBuilder = TypeLookup.Get(compilation, "JWT.Builder.JwtBuilder");
            JwtNetEncoder = TypeLookup.Get(compilation, "JWT.JwtEncoder");
            JwtNetDecoder = TypeLookup.Get(compilation, "JWT.JwtDecoder");
            JwtNetIJwtEncoder = TypeLookup.Get(compilation, "JWT.IJwtEncoder");
            JwtNetIJwtDecoder = TypeLookup.Get(compilation, "JWT.IJwtDecoder");

            // jose-jwt
            JoseJwt = TypeLookup.Get(compilation, "Jose.JWT");
            JoseJwsAlgorithm = TypeLookup.Get(compilation, "Jose.JwsAlgorithm");

            // Microsoft.JSInterop
            JSRuntime = TypeLookup.Get(compilation, "Microsoft.JSInterop.IJSRuntime");
            JSInProcessRuntime = TypeLookup.Get(compilation, "Microsoft.JSInterop.IJSInProcessRuntime");
            JSObjectReference = TypeLookup.Get(compilation, "Microsoft.JSInterop.IJSObjectReference");
            JSInProcessObjectReference = TypeLookup.Get(compilation, "Microsoft.JSInterop.IJSInProcessObjectReference");

            // Blazored (not on the registry served here; real namespaces and signatures)
            BlazoredLocalStorage = TypeLookup.Get(compilation, "Blazored.LocalStorage.ILocalStorageService");
            BlazoredSyncLocalStorage = TypeLookup.Get(compilation, "Blazored.LocalStorage.ISyncLocalStorageService");
            BlazoredSessionStorage = TypeLookup.Get(compilation, "Blazored.SessionStorage.ISessionStorageService");
            BlazoredSyncSessionStorage = TypeLookup.Get(compilation, "Blazored.SessionStorage.ISyncSessionStorageService");

            // BCL and hosting
            Claim = TypeLookup.Get(compilation, "System.Security.Claims.Claim");
            ClaimTypes = TypeLookup.Get(compilation, "System.Security.Claims.ClaimTypes");
            Encoding = TypeLookup.Get(compilation, "System.Text.Encoding");
            Convert = TypeLookup.Get(compilation, "System.Convert");
            RandomNumberGenerator = TypeLookup.Get(compilation, "System.Security.Cryptography.RandomNumberGenerator");
            Guid = TypeLookup.Get(compilation, "System.Guid");
            Configuration = TypeLookup.Get(compilation, "Microsoft.Extensions.Configuration.IConfiguration");
            HostEnvironment = TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.IHostEnvironment");
        }

        public INamedTypeSymbol? TokenValidationParameters { get; }
        public INamedTypeSymbol? SecurityTokenDescriptor { get; }
        public INamedTypeSymbol? SymmetricSecurityKey { get; }
        public INamedTypeSymbol? SigningCredentials { get; }
        public INamedTypeSymbol? SecurityAlgorithms { get; }
        public INamedTypeSymbol? SecurityKey { get; }
        public INamedTypeSymbol? TokenHandler { get; }
        public INamedTypeSymbol? JwtSecurityToken { get; }
        public INamedTypeSymbol? JwtSecurityTokenHandler { get; }
        public INamedTypeSymbol? JwtPayload { get; }
        public INamedTypeSymbol? JsonWebTokenHandler { get; }
        public INamedTypeSymbol? JwtBuilder { get; }
        public INamedTypeSymbol? JwtNetEncoder { get; }
        public INamedTypeSymbol? JwtNetDecoder { get; }
        public INamedTypeSymbol? JwtNetIJwtEncoder { get; }
        public INamedTypeSymbol? JwtNetIJwtDecoder { get; }
        public INamedTypeSymbol? JoseJwt { get; }
        public INamedTypeSymbol? JoseJwsAlgorithm { get; }
        public INamedTypeSymbol? JSRuntime { get; }
        public INamedTypeSymbol? JSInProcessRuntime { get; }
        public INamedTypeSymbol? JSObjectReference { get; }
        public INamedTypeSymbol? JSInProcessObjectReference { get; }
        public INamedTypeSymbol? BlazoredLocalStorage { get; }
        public INamedTypeSymbol? BlazoredSyncLocalStorage { get; }
        public INamedTypeSymbol? BlazoredSessionStorage { get; }
        public INamedTypeSymbol? BlazoredSyncSessionStorage { get; }
        public INamedTypeSymbol? Claim { get; }
        public INamedTypeSymbol? ClaimTypes { get; }
        public INamedTypeSymbol? Encoding { get; }
        public INamedTypeSymbol? Convert { get; }
        public INamedTypeSymbol? RandomNumberGenerator { get; }
        public INamedTypeSymbol? Guid { get; }
        public INamedTypeSymbol? Configuration { get; }
        public INamedTypeSymbol? HostEnvironment { get; }

        /// <summary>True when any library that issues or validates tokens is referenced.</summary>
        public bool HasAnyTokenLibrary =>
            TokenValidationParameters is not null || JwtSecurityToken is not null || JsonWebTokenHandler is not null
            || JwtBuilder is not null || JwtNetEncoder is not null || JoseJwt is not null;

        /// <summary>One instance per compilation, shared by every rule that asks (the table dies with the compilation).</summary>
        public static JwtSymbols From(Compilation compilation) => Cache.GetValue(compilation, c => new JwtSymbols(c));

        private static readonly ConditionalWeakTable<Compilation, JwtSymbols> Cache = new ConditionalWeakTable<Compilation, JwtSymbols>();
    }
}
