using System;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Keys;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<JwtAnalyzers.Keys.SigningSecretInConfigurationAnalyzer>;

namespace JwtAnalyzers.Tests.Keys
{
    public class SigningSecretInConfigurationTests
    {
        private const string AppSettings = "/src/Api/appsettings.json";

        private static Task VerifyAsync(string path, string json, params DiagnosticResult[] expected)
            => VerifyAsync(path, json, withTokenLibrary: true, expected);

        private static Task VerifyAsync(string path, string json, bool withTokenLibrary, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = "class Program { }" };
            if (!withTokenLibrary)
            {
                test.TestState.AdditionalReferences.Clear();
                test.TestState.AdditionalReferences.AddRange(References.Net80);
            }

            test.TestState.AdditionalFiles.Add((path, json));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task JwtKeyInAppSettings_Reports_AtTheValueWithThePathAndFileButNotTheValue()
        {
            await VerifyAsync(AppSettings, @"{
  ""Logging"": { ""LogLevel"": { ""Default"": ""Information"" } },
  ""Jwt"": {
    ""Issuer"": ""https://auth.example.com"",
    ""Audience"": ""orders-api"",
    ""Key"": {|#0:""a2f9c1e07b4d4e8f9a6b3c2d1e0f9a8b7c6d5e4f3a2b1c0d""|}
  }
}", Verify.Diagnostic("JWT012").WithLocation(0).WithArguments("Jwt:Key", "appsettings.json"));
        }

        [Theory]
        [InlineData(@"{ ""Jwt"": { ""Secret"": {|JWT012:""s3cr3t-value-that-signs-everything""|} } }")]
        [InlineData(@"{ ""JwtSettings"": { ""SecretKey"": {|JWT012:""0123456789abcdef0123456789abcdef""|}, ""ExpiryMinutes"": 60 } }")]
        [InlineData(@"{ ""SigningKey"": {|JWT012:""0123456789abcdef0123456789abcdef""|} }")]
        [InlineData(@"{ ""Authentication"": { ""IssuerSigningKey"": {|JWT012:""0123456789abcdef0123456789abcdef""|} } }")]
        [InlineData(@"{ ""TokenKey"": {|JWT012:""super secret unguessable key""|} }")]
        [InlineData(@"{ ""JWT_SECRET"": {|JWT012:""0123456789abcdef0123456789abcdef""|} }")]
        [InlineData(@"{ ""Jwt:Key"": {|JWT012:""0123456789abcdef0123456789abcdef""|} }")]
        [InlineData(@"{ ""Token"": { ""Key"": {|JWT012:""0123456789abcdef0123456789abcdef""|} } }")]
        [InlineData(@"{ ""Tokens"": { ""RefreshTokenSecret"": {|JWT012:""0123456789abcdef0123456789abcdef""|} } }")]
        [InlineData(@"{ ""Auth"": { ""Secret"": {|JWT012:""0123456789abcdef0123456789abcdef""|} } }")]
        [InlineData(@"{ ""Bearer"": { ""SecurityKey"": {|JWT012:""0123456789abcdef0123456789abcdef""|} } }")]
        [InlineData(@"{ ""Jwt"": { ""PrivateKey"": {|JWT012:""-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----""|} } }")]
        [InlineData(@"{ ""Jwt"": { ""AccessTokenSecret"": {|JWT012:""0123456789abcdef0123456789abcdef""|} } }")]
        [InlineData(@"{ ""Authentication"": { ""SecretForKey"": {|JWT012:""thisisthesecretforgeneratingakey(mustbeatleast32bitlong)""|} } }")]
        [InlineData(@"{ ""AuthOptions"": { ""KEY"": {|JWT012:""mysupersecret_secretkey!123""|} } }")]
        [InlineData(@"{ ""Authentication"": { ""JwtBearer"": { ""IsEnabled"": ""true"", ""SecurityKey"": {|JWT012:""MyApp_C421AAEE0D114E9C""|} } } }")]
        [InlineData(@"{ ""AppSettings"": { ""Token"": {|JWT012:""super secret key""|} } }")]
        [InlineData(@"{ ""jwtsecret"": {|JWT012:""0123456789abcdef0123456789abcdef""|} }")]
        [InlineData(@"{ ""JWTSETTINGS"": { ""KEY"": {|JWT012:""0123456789abcdef0123456789abcdef""|} } }")]
        [InlineData(@"{ ""JWT"": { ""Token"": {|JWT012:""DFX0-0xDF-11DF-1010-0808""|} } }")]
        public async Task SigningSecretPaths_Report(string json)
        {
            await VerifyAsync(AppSettings, json);
        }

        [Fact]
        public async Task UserJwtsSigningKeysArray_Reports()
        {
            await VerifyAsync(AppSettings, @"{
  ""Authentication"": {
    ""Schemes"": {
      ""Bearer"": {
        ""ValidAudiences"": [ ""http://localhost:5000"" ],
        ""ValidIssuer"": ""dotnet-user-jwts"",
        ""SigningKeys"": [
          { ""Id"": ""a1b2c3"", ""Issuer"": ""dotnet-user-jwts"", ""Value"": {|#0:""hUl2O6Bd5bCEhxXvx4l0v5t9H3S2vW0hO3mCk1H3y6E=""|}, ""Length"": 32 }
        ]
      }
    }
  }
}", Verify.Diagnostic("JWT012").WithLocation(0).WithArguments("Authentication:Schemes:Bearer:SigningKeys:0:Value", "appsettings.json"));
        }

        [Theory]
        [InlineData("change-me")]
        [InlineData("[EnterKeyHere]")]
        [InlineData("<your-signing-key>")]
        public async Task Placeholders_Report(string placeholder)
        {
            await VerifyAsync(AppSettings, @"{ ""Jwt"": { ""Key"": {|JWT012:""" + placeholder + @"""|} } }");
        }

        [Fact]
        public async Task ValueThatNamesJwtUnderAGenericName_Reports()
        {
            await VerifyAsync(AppSettings, @"{ ""Security"": { ""SecretKey"": {|JWT012:""my-super-secret-jwt-signing-key-2024""|} } }");
        }

        [Fact]
        public async Task TutorialAppSettingsSecretWithATokenLibrary_Reports()
        {
            await VerifyAsync(AppSettings, @"{ ""AppSettings"": { ""Secret"": {|JWT012:""a9f3e1c7b5d24f6e8a0b1c2d3e4f5a6b""|} } }");
        }

        [Fact]
        public async Task TutorialAppSettingsSecretWithoutATokenLibrary_DoesNotReport()
        {
            await VerifyAsync(AppSettings, @"{ ""AppSettings"": { ""Secret"": ""a9f3e1c7b5d24f6e8a0b1c2d3e4f5a6b"" } }", withTokenLibrary: false);
        }

        [Fact]
        public async Task OtherEnvironmentsAndAnyJsonFile_Report()
        {
            var test = new Verify.Test { TestCode = "class Program { }" };
            test.TestState.AdditionalFiles.Add(("/src/Api/appsettings.Production.json", @"{ ""Jwt"": { ""Key"": {|JWT012:""prod-key-0123456789abcdef0123456789""|} } }"));
            test.TestState.AdditionalFiles.Add(("/src/Api/appsettings.Staging.json", @"{ ""Jwt"": { ""Key"": {|JWT012:""staging-key-0123456789abcdef012345""|} } }"));
            test.TestState.AdditionalFiles.Add(("/src/Api/jwtsettings.json", @"{ ""SigningKey"": {|JWT012:""0123456789abcdef0123456789abcdef""|} }"));
            await test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("/home/dev/TestData/shop/src/Api/appsettings.json")]
        [InlineData("/work/test-configs/Api/appsettings.json")]
        [InlineData("/repos/TestApi/appsettings.json")]
        [InlineData("/tests/unrelated/clone/src/Api/appsettings.json")]
        public async Task FoldersThatAreNotTestFolders_Report(string path)
        {
            await VerifyAsync(path, @"{ ""Jwt"": { ""Key"": {|JWT012:""0123456789abcdef0123456789abcdef""|} } }");
        }

        [Fact]
        public async Task CommentsAndTrailingCommas_AreTolerated()
        {
            await VerifyAsync(AppSettings, @"// ASP.NET Core's JSON configuration accepts comments.
{
  /* token settings */
  ""Jwt"": {
    ""Issuer"": ""https://auth.example.com"", // the issuer
    ""Key"": /* inline */ {|JWT012:""0123456789abcdef0123456789abcdef""|}, // ""Other"": ""x""
    ""Audience"": ""api"",
  },
}");
        }

        [Fact]
        public async Task DevelopmentAndLocalFiles_DoNotReport()
        {
            var test = new Verify.Test { TestCode = "class Program { }" };
            test.TestState.AdditionalFiles.Add(("/src/Api/appsettings.Development.json", @"{ ""Jwt"": { ""Key"": ""dev-only-key-0123456789abcdef0123"" } }"));
            test.TestState.AdditionalFiles.Add(("/src/Api/appsettings.development.json", @"{ ""Jwt"": { ""Key"": ""dev-only-key-0123456789abcdef0123"" } }"));
            test.TestState.AdditionalFiles.Add(("/src/Api/appsettings.Local.json", @"{ ""Jwt"": { ""Key"": ""dev-only-key-0123456789abcdef0123"" } }"));
            test.TestState.AdditionalFiles.Add(("/src/Api/Properties/launchSettings.json", @"{ ""profiles"": { ""Api"": { ""environmentVariables"": { ""Jwt__Key"": ""dev-only-key"" } } } }"));
            await test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("/repo/tests/Api.Tests/appsettings.json")]
        [InlineData("/repo/test/Api.IntegrationTests/appsettings.json")]
        [InlineData("C:\\repo\\src\\Api.UnitTests\\appsettings.json")]
        [InlineData("/repo/src/Api/appsettings.Testing.json")]
        [InlineData("/repo/tests/Acceptance/Api/appsettings.json")]
        public async Task FilesOfTestProjects_DoNotReport(string path)
        {
            await VerifyAsync(path, @"{ ""Jwt"": { ""Key"": ""test-key-0123456789abcdef0123456789"" } }");
        }

        [Theory]
        [InlineData(@"{ ""Jwt"": { ""Key"": """" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""   "" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""${JWT_KEY}"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""#{JwtSigningKey}#"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/jwt-key/)"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""$(JwtKey)"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""{{JWT_KEY}}"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""__JwtKey__"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""$JWT_SIGNING_KEY"" } }")]
        public async Task EmptyValuesAndReferences_DoNotReport(string json)
        {
            await VerifyAsync(AppSettings, json);
        }

        [Theory]
        [InlineData(@"{ ""Jwt"": { ""Issuer"": ""https://auth.example.com"", ""Audience"": ""orders-api"", ""ExpiryMinutes"": 60 } }")]
        [InlineData(@"{ ""Jwt"": { ""KeyId"": ""2024-signing"", ""KeyPath"": ""/run/secrets/jwt.pem"", ""SigningKeyFile"": ""keys/signing.pem"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""keys/jwt-signing.pem"", ""PublicKey"": ""MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkDHpUOM828y0RINccgL9Yf91zWo0"" } }")]
        [InlineData(@"{ ""Jwt"": { ""Key"": 12345, ""Secret"": true, ""SigningKey"": null, ""TokenKey"": { ""Length"": 32 } } }")]
        [InlineData(@"{ ""ConnectionStrings"": { ""Default"": ""Server=db;Password=hunter2"" }, ""Logging"": { ""Key"": ""x"" } }")]
        [InlineData(@"{ ""Kestrel"": { ""Certificates"": { ""Default"": { ""Key"": ""x"" } } }, ""DataProtection"": { ""Key"": ""x"" } }")]
        [InlineData(@"{ ""KeyVault"": { ""Url"": ""https://myvault.vault.azure.net/"" }, ""SendGrid"": { ""ApiKey"": ""SG.abc"" } }")]
        [InlineData(@"{ ""Authentication"": { ""Google"": { ""ClientId"": ""id"", ""ClientSecret"": ""GOCSPX-abc"" }, ""Facebook"": { ""AppSecret"": ""x"" } } }")]
        [InlineData(@"{ ""Twitter"": { ""ConsumerKey"": ""x"", ""ConsumerSecret"": ""y"", ""AccessToken"": ""z"", ""AccessTokenSecret"": ""w"" } }")]
        [InlineData(@"{ ""Stripe"": { ""SecretKey"": ""sk_test_abc"", ""PublishableKey"": ""pk_test_abc"" }, ""Aws"": { ""AccessKey"": ""AKIA"", ""SecretKey"": ""x"" } }")]
        [InlineData(@"{ ""ApiKey"": ""abc"", ""Recaptcha"": { ""SiteKey"": ""a"", ""SecretKey"": ""b"" }, ""Jwt"": { ""EncryptionKey"": ""c"" } }")]
        [InlineData(@"{ ""Cache"": { ""Key"": ""orders"" }, ""Secret"": ""abc"" }")]
        [InlineData(@"{ ""Jwt"": { ""ClientSecret"": ""abc"", ""ApiKey"": ""def"" } }")]
        [InlineData(@"{ ""OAuth"": { ""Secret"": ""abc"" }, ""Auth"": { ""OAuthSecret"": ""def"", ""Cookie"": { ""Key"": ""ghi"" } } }")]
        [InlineData(@"{ ""GitHub"": { ""Token"": ""ghp_abc"" }, ""Telegram"": { ""BotToken"": ""123:abc"" }, ""Tokens"": { ""Token"": ""x"" } }")]
        public async Task ValuesThatAreNotSigningSecrets_DoNotReport(string json)
        {
            // The last case: a root-level "Secret" with no token context is reported only in a project that
            // references a token library (see TutorialAppSettingsSecretWithATokenLibrary_Reports).
            await VerifyAsync(AppSettings, json, withTokenLibrary: false);
        }

        [Fact]
        public async Task NonJsonAdditionalFiles_DoNotReport()
        {
            var test = new Verify.Test { TestCode = "class Program { }" };
            test.TestState.AdditionalFiles.Add(("/src/Api/appsettings.yaml", "Jwt:\n  Key: 0123456789abcdef0123456789abcdef\n"));
            test.TestState.AdditionalFiles.Add(("/src/Api/notes.txt", @"{ ""Jwt"": { ""Key"": ""0123456789abcdef0123456789abcdef"" } }"));
            await test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""abc")]
        [InlineData(@"{ ""Jwt"": { ""Key"": ""abc
  }")]
        [InlineData(@"}}]]{{[[ ""Key"" : : , , ""x"" ""y"" /* unterminated")]
        [InlineData(@"""\u12"" : ""\")]
        [InlineData("\uFEFF{ \"Jwt\": [ 1, 2, { \"Key\": 3 } ] } trailing garbage //")]
        [InlineData("")]
        [InlineData("null")]
        public async Task MalformedJson_DoesNotThrow(string json)
        {
            // Whatever can be read is read; nothing throws (an exception would surface as AD0001 and fail the test).
            var test = new Verify.Test { TestCode = "class Program { }" };
            test.TestState.AdditionalFiles.Add((AppSettings, json));
            test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
            test.ExpectedDiagnostics.Clear();
            // Truncated files still report the values read before the break.
            if (json.StartsWith(@"{ ""Jwt"": { ""Key"": ""abc", StringComparison.Ordinal))
            {
                test.MarkupOptions = MarkupOptions.None;
                test.ExpectedDiagnostics.Add(Verify.Diagnostic("JWT012").WithSpan(AppSettings, 1, 19, 1, 23).WithArguments("Jwt:Key", "appsettings.json"));
            }

            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public void Scanner_NeverThrowsOnMangledInput()
        {
            const string Json = @"// comment
{ ""Jwt"": { ""Key"": ""abc\""\\\u0041"", ""Items"": [ { ""Value"": ""x"" }, ""y"", 1.5e3, true, null ], }, /* c */ ""Flat:Path"": ""z"" }";
            var random = new Random(20261128);
            for (var i = 0; i < 2000; i++)
            {
                var mangled = Json;
                var edits = 1 + random.Next(4);
                for (var e = 0; e < edits && mangled.Length > 0; e++)
                {
                    var at = random.Next(mangled.Length);
                    mangled = random.Next(2) == 0 ? mangled.Remove(at, Math.Min(1 + random.Next(6), mangled.Length - at)) : mangled.Insert(at, "{}[]\",:/*\\"[random.Next(10)].ToString());
                }

                JsonSecretScanner.StringValues(mangled, CancellationToken.None);
                JsonSecretScanner.StringValues(mangled.Substring(0, random.Next(mangled.Length + 1)), CancellationToken.None);
            }
        }

        [Fact]
        public void Scanner_ReadsPathsValuesAndSpans()
        {
            const string Json = @"{ ""Jwt"": { ""Key"": ""abc\""\u0041"", ""Items"": [ { ""Value"": ""x"" }, ""y"", 2 ], }, ""Flat:Path"": ""z"" }";
            var values = JsonSecretScanner.StringValues(Json, CancellationToken.None);
            Assert.Equal(new[] { "Jwt:Key", "Jwt:Items:0:Value", "Jwt:Items:1", "Flat:Path" }, values.ConvertAll(v => v.Path));
            Assert.Equal("abc\"A", values[0].Value);
            Assert.Equal("\"abc\\\"\\u0041\"", Json.Substring(values[0].Span.Start, values[0].Span.Length));
        }
    }
}
