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
            TokenValidationParameters = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.TokenValidationParameters");
            SecurityTokenDescriptor = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor");
            SymmetricSecurityKey = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.SymmetricSecurityKey");
            SigningCredentials = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.SigningCredentials");
            SecurityAlgorithms = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.SecurityAlgorithms");
            SecurityKey = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.SecurityKey");
            TokenHandler = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.TokenHandler");

            // System.IdentityModel.Tokens.Jwt
            JwtSecurityToken = compilation.GetTypeByMetadataName("System.IdentityModel.Tokens.Jwt.JwtSecurityToken");
            JwtSecurityTokenHandler = compilation.GetTypeByMetadataName("System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler");
            JwtPayload = compilation.GetTypeByMetadataName("System.IdentityModel.Tokens.Jwt.JwtPayload");

            // Microsoft.IdentityModel.JsonWebTokens
            JsonWebTokenHandler = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler");

            // JWT (Jwt.Net)
            JwtBuilder = compilation.GetTypeByMetadataName("JWT.Builder.JwtBuilder");
            JwtNetEncoder = compilation.GetTypeByMetadataName("JWT.JwtEncoder");
            JwtNetDecoder = compilation.GetTypeByMetadataName("JWT.JwtDecoder");
            JwtNetIJwtEncoder = compilation.GetTypeByMetadataName("JWT.IJwtEncoder");
            JwtNetIJwtDecoder = compilation.GetTypeByMetadataName("JWT.IJwtDecoder");

            // jose-jwt
            JoseJwt = compilation.GetTypeByMetadataName("Jose.JWT");
            JoseJwsAlgorithm = compilation.GetTypeByMetadataName("Jose.JwsAlgorithm");

            // Microsoft.JSInterop
            JSRuntime = compilation.GetTypeByMetadataName("Microsoft.JSInterop.IJSRuntime");
            JSInProcessRuntime = compilation.GetTypeByMetadataName("Microsoft.JSInterop.IJSInProcessRuntime");
            JSObjectReference = compilation.GetTypeByMetadataName("Microsoft.JSInterop.IJSObjectReference");
            JSInProcessObjectReference = compilation.GetTypeByMetadataName("Microsoft.JSInterop.IJSInProcessObjectReference");

            // Blazored (not on the registry served here; real namespaces and signatures)
            BlazoredLocalStorage = compilation.GetTypeByMetadataName("Blazored.LocalStorage.ILocalStorageService");
            BlazoredSyncLocalStorage = compilation.GetTypeByMetadataName("Blazored.LocalStorage.ISyncLocalStorageService");
            BlazoredSessionStorage = compilation.GetTypeByMetadataName("Blazored.SessionStorage.ISessionStorageService");
            BlazoredSyncSessionStorage = compilation.GetTypeByMetadataName("Blazored.SessionStorage.ISyncSessionStorageService");

            // BCL and hosting
            Claim = compilation.GetTypeByMetadataName("System.Security.Claims.Claim");
            ClaimTypes = compilation.GetTypeByMetadataName("System.Security.Claims.ClaimTypes");
            Encoding = compilation.GetTypeByMetadataName("System.Text.Encoding");
            Convert = compilation.GetTypeByMetadataName("System.Convert");
            RandomNumberGenerator = compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
            Guid = compilation.GetTypeByMetadataName("System.Guid");
            Configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            HostEnvironment = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostEnvironment");
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

        public static JwtSymbols From(Compilation compilation) => new JwtSymbols(compilation);
    }
}
