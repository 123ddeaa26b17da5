using System.Threading.Tasks;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<JwtAnalyzers.Keys.EmbeddedPrivateKeyAnalyzer>;

namespace JwtAnalyzers.Tests.Keys
{
    public class EmbeddedPrivateKeyTests
    {
        // A throwaway P-256 key generated for these tests (openssl ecparam -genkey | openssl pkcs8 -topk8 -nocrypt): test data, used nowhere.
        private const string Pem = @"-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgnPOmT7zOhmHDgopq
37E6k+GbjhH536fmAnDiNhiYGj2hRANCAATL8U2ECMn7zSWBbhqPVh1AKYIZashu
WmD5OXKYNPV+w+tiSNGBA9W76Cq62m2/eJgZtILxjBnrmL0BV9+5F9sq
-----END PRIVATE KEY-----";

        private const string PublicPem = @"-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEy/FNhAjJ+80lgW4aj1YdQCmCGWrI
blpg+TlymDT1fsPrYkjRgQPVu+gqutptv3iYGbSC8YwZ65i9AVffuRfbKg==
-----END PUBLIC KEY-----";

        // The same key as SEC1 DER in base64 (ImportECPrivateKey's input).
        private const string EcDerBase64 = "MHcCAQEEIJzzpk+8zoZhw4KKat+xOpPhm44R+d+n5gJw4jYYmBo9oAoGCCqGSM49AwEHoUQDQgAEy/FNhAjJ+80lgW4aj1YdQCmCGWrIblpg+TlymDT1fsPrYkjRgQPVu+gqutptv3iYGbSC8YwZ65i9AVffuRfbKg==";

        private static string Usings => @"
using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
";

        [Fact]
        public async Task ImportFromPemOfConstPem_Reports_AndTheMessageNamesTheApiNotTheKey()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string PrivateKeyPem = @""" + Pem + @""";

    public static SecurityKey Signing()
    {
        var rsa = RSA.Create();
        {|#0:rsa.ImportFromPem(PrivateKeyPem)|};
        return new RsaSecurityKey(rsa);
    }
}", Verify.Diagnostic("JWT013").WithLocation(0).WithArguments("ImportFromPem"));
        }

        [Fact]
        public async Task ImportFromPemThroughStaticReadonlyLocalAndAsSpan_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private static readonly string PrivateKeyPem = @""" + Pem + @""";

    public static SecurityKey Signing()
    {
        var pem = PrivateKeyPem;
        var ecdsa = ECDsa.Create();
        {|JWT013:ecdsa.ImportFromPem(pem.AsSpan())|};
        return new ECDsaSecurityKey(ecdsa);
    }
}");
        }

        [Fact]
        public async Task ImportFromPemOfConcatenatedRawString_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Header = ""-----BEGIN RSA PRIVATE KEY-----\n"";
    private const string Body = """"""
        MIIEowIBAAKCAQEAkDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiLJX7H
        """""";

    public static RSA Load()
    {
        var rsa = RSA.Create();
        {|JWT013:rsa.ImportFromPem(Header + Body + ""-----END RSA PRIVATE KEY-----"")|};
        return rsa;
    }
}");
        }

        [Fact]
        public async Task ImportFromPemOfConstInAnotherClass_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class KeyMaterial { public const string Pem = @""" + Pem + @"""; }

static class Keys
{
    public static RSA Load()
    {
        var rsa = RSA.Create();
        {|JWT013:rsa.ImportFromPem(KeyMaterial.Pem)|};
        return rsa;
    }
}");
        }

        [Fact]
        public async Task ImportFromEncryptedPemWithConstantPassword_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Pem = ""-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI\n-----END ENCRYPTED PRIVATE KEY-----"";

    public static RSA Load()
    {
        var rsa = RSA.Create();
        {|JWT013:rsa.ImportFromEncryptedPem(Pem, ""p@ssw0rd"")|};
        return rsa;
    }
}");
        }

        [Fact]
        public async Task ImportFromEncryptedPemWithPasswordFromConfiguration_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Pem = ""-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI\n-----END ENCRYPTED PRIVATE KEY-----"";

    public static RSA Load(IConfiguration configuration)
    {
        var rsa = RSA.Create();
        // The encrypted key is useless without the password, which is kept outside the code.
        rsa.ImportFromEncryptedPem(Pem, configuration[""Jwt:KeyPassword""]);
        return rsa;
    }
}");
        }

        [Fact]
        public async Task ImportPrivateKeyOfBase64ConstantOrByteLiterals_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Der = """ + EcDerBase64 + @""";
    private static readonly byte[] DerBytes = Convert.FromBase64String(Der);

    public static void Load(RSA rsa, ECDsa ecdsa, ECDsa other, ECDsa third)
    {
        {|JWT013:rsa.ImportRSAPrivateKey(Convert.FromBase64String(""MIIEowIBAAKCAQEAkDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiL""), out _)|};
        {|JWT013:ecdsa.ImportECPrivateKey(DerBytes, out _)|};
        {|JWT013:other.ImportPkcs8PrivateKey(new byte[] { 0x30, 0x81, 0x87, 0x02, 0x01, 0x00 }, out _)|};
        {|JWT013:third.ImportPkcs8PrivateKey([0x30, 0x81, 0x87, 0x02, 0x01, 0x00], out _)|};
    }
}");
        }

        [Fact]
        public async Task ImportPrivateKeyOfPemStrippedWithReplace_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string PrivateKey = @""" + Pem + @""";

    public static SecurityKey Signing()
    {
        var body = PrivateKey
            .Replace(""-----BEGIN PRIVATE KEY-----"", string.Empty)
            .Replace(""-----END PRIVATE KEY-----"", string.Empty)
            .Replace(""\n"", string.Empty)
            .Trim();
        var ecdsa = ECDsa.Create();
        {|#0:ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(body), out _)|};
        return new ECDsaSecurityKey(ecdsa);
    }
}", Verify.Diagnostic("JWT013").WithLocation(0).WithArguments("ImportPkcs8PrivateKey"));
        }

        [Fact]
        public async Task EcParametersFromBase64UrlConstants_Reports_WithTheQualifiedFactoryName()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    public static SecurityKey Signing()
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(""y_FNhAjJ-80lgW4aj1YdQCmCGWrIblpg-TlymDT1fsM""), Y = Base64UrlEncoder.DecodeBytes(""62JI0YED1bvoKrrabb94mBm0gvGMGeuYvQFX37kX2yo"") },
            D = Base64UrlEncoder.DecodeBytes(""nPOmT7zOhmHDgopq37E6k-GbjhH536fmAnDiNhiYGj0""),
        };
        return new ECDsaSecurityKey({|#0:ECDsa.Create(parameters)|});
    }
}", Verify.Diagnostic("JWT013").WithLocation(0).WithArguments("ECDsa.Create"));
        }

        [Fact]
        public async Task ImportPrivateKeyOfBytesFromFileOrConfiguration_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    public static void Load(RSA rsa, ECDsa ecdsa, IConfiguration configuration, byte[] der)
    {
        rsa.ImportRSAPrivateKey(File.ReadAllBytes(""/run/secrets/jwt.der""), out _);
        ecdsa.ImportECPrivateKey(Convert.FromBase64String(configuration[""Jwt:PrivateKey""]!), out _);
        rsa.ImportPkcs8PrivateKey(der, out _);
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(Environment.GetEnvironmentVariable(""JWT_PRIVATE_KEY"")!), out _);
    }
}");
        }

        [Fact]
        public async Task FromXmlStringWithPrivateParameters_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Xml = ""<RSAKeyValue><Modulus>kDHp</Modulus><Exponent>AQAB</Exponent><P>8x0</P><Q>mL4</Q><DP>AQ</DP><DQ>Ag</DQ><InverseQ>Aw</InverseQ><D>BA</D></RSAKeyValue>"";

    public static SecurityKey Signing()
    {
        var rsa = RSA.Create();
        {|JWT013:rsa.FromXmlString(Xml)|};
        return new RsaSecurityKey(rsa);
    }
}");
        }

        [Fact]
        public async Task FromXmlStringWithPublicParametersOnly_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Xml = ""<RSAKeyValue><Modulus>kDHp</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>"";

    private const string DsaXml = ""<DSAKeyValue><P>3Uo</P><Q>8x0</Q><G>mL4</G><Y>AQID</Y></DSAKeyValue>"";

    public static SecurityKey Validation()
    {
        var rsa = RSA.Create();
        rsa.FromXmlString(Xml);
        DSA.Create().FromXmlString(DsaXml);
        return new RsaSecurityKey(rsa);
    }
}");
        }

        [Fact]
        public async Task RsaParametersWithConstantPrivateFields_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Modulus = ""kDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiL"";

    public static SecurityKey Signing()
        => {|JWT013:new RsaSecurityKey(new RSAParameters
        {
            Modulus = Convert.FromBase64String(Modulus),
            Exponent = new byte[] { 1, 0, 1 },
            D = Convert.FromBase64String(""AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=""),
        })|};

    public static RSA Imported()
    {
        var parameters = new RSAParameters();
        parameters.Modulus = Convert.FromBase64String(Modulus);
        parameters.Exponent = new byte[] { 1, 0, 1 };
        parameters.P = Convert.FromBase64String(""AQIDBAUGBwgJCgsMDQ4PEA=="");
        parameters.Q = Convert.FromBase64String(""EQITFBUWFxgZGhscHR4fIA=="");
        var rsa = RSA.Create();
        {|JWT013:rsa.ImportParameters(parameters)|};
        return {|JWT013:RSA.Create(parameters)|};
    }

    public static ECDsa Ec() => {|JWT013:ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = new byte[] { 1, 2, 3, 4 } })|};
}");
        }

        [Fact]
        public async Task RsaParametersWithPublicFieldsOnlyOrExportedKey_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Modulus = ""kDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiL"";

    public static SecurityKey Validation() => new RsaSecurityKey(new RSAParameters
    {
        Modulus = Convert.FromBase64String(Modulus),
        Exponent = Convert.FromBase64String(""AQAB""),
    });

    public static SecurityKey Generated()
    {
        using var rsa = RSA.Create(2048);
        return new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true));
    }
}");
        }

        [Fact]
        public async Task X509Certificate2FromConstantPfxBytesAndPassword_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string PfxBase64 = ""MIIJqQIBAzCCCW8GCSqGSIb3DQEHAaCCCWAEgglcMIIJWDCCBA8GCSqGSIb3DQEHBqCCBAAwggP8AgEA"";
    private const string PfxPassword = ""changeit"";

    public static SecurityKey Signing()
    {
        var certificate = {|JWT013:new X509Certificate2(Convert.FromBase64String(PfxBase64), PfxPassword)|};
        return new X509SecurityKey(certificate);
    }
}");
        }

        [Fact]
        public async Task X509Certificate2FromFileStoreOrPasswordFromConfiguration_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string CertificateBase64 = ""MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ"";

    public static void Load(IConfiguration configuration)
    {
        var fromFile = new X509Certificate2(""signing.pfx"", configuration[""Signing:Password""]);
        var publicOnly = new X509Certificate2(Convert.FromBase64String(CertificateBase64));
        var passwordFromConfig = new X509Certificate2(Convert.FromBase64String(configuration[""Signing:Pfx""]!), configuration[""Signing:Password""]);
    }
}");
        }

        [Fact]
        public async Task JsonWebKeyWithPrivateMember_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Jwk = """"""
        { ""kty"": ""EC"", ""crv"": ""P-256"", ""x"": ""y_FNhAjJ"", ""y"": ""j-tiSNGB"", ""d"": ""nPOmT7zO"" }
        """""";

    public static SecurityKey Signing() => {|JWT013:new JsonWebKey(Jwk)|};

    public static SecurityKey Created() => {|JWT013:JsonWebKey.Create(Jwk)|};

    public static SecurityKey Initialized() => {|JWT013:new JsonWebKey { Kty = ""RSA"", N = ""kDHp"", E = ""AQAB"", D = ""BAUG"" }|};
}");
        }

        [Fact]
        public async Task JsonWebKeyWithPublicMembersOnly_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Jwk = """"""
        { ""kty"": ""EC"", ""crv"": ""P-256"", ""x"": ""y_FNhAjJ"", ""y"": ""j-tiSNGB"", ""kid"": ""d"" }
        """""";

    public static SecurityKey Validation() => new JsonWebKey(Jwk);

    public static SecurityKey Initialized() => new JsonWebKey { Kty = ""RSA"", N = ""kDHp"", E = ""AQAB"" };
}");
        }

        [Fact]
        public async Task EmbeddedKeyAsFallbackOfConfiguration_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string FallbackPem = @""" + Pem + @""";

    public static RSA Load(IConfiguration configuration)
    {
        var rsa = RSA.Create();
        // Runs with the embedded key wherever the setting is missing, production included.
        {|JWT013:rsa.ImportFromPem(configuration[""Jwt:PrivateKey""] ?? FallbackPem)|};
        return rsa;
    }
}");
        }

        [Fact]
        public async Task EmbeddedKeyOnlyInDevelopmentBranches_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string DevelopmentPem = @""" + Pem + @""";

    public static RSA Load(IHostEnvironment env, IConfiguration configuration)
    {
        var rsa = RSA.Create();
        if (env.IsDevelopment())
        {
            rsa.ImportFromPem(DevelopmentPem);
        }

        var pem = env.IsDevelopment() ? DevelopmentPem : File.ReadAllText(configuration[""Jwt:KeyFile""]!);
        rsa.ImportFromPem(pem);
        return rsa;
    }
}");
        }

        [Fact]
        public async Task PublicKeyOrCertificatePem_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string PublicKeyPem = @""" + PublicPem + @""";
    private const string CertificatePem = ""-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----"";

    public static SecurityKey Validation()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(PublicKeyPem);
        var certificate = X509Certificate2.CreateFromPem(CertificatePem);
        return new ECDsaSecurityKey(ecdsa);
    }
}");
        }

        [Fact]
        public async Task CertificateWithConstantPrivateKeyPem_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string KeyPem = @""" + Pem + @""";
    private const string CertificatePem = ""-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----"";

    public static SecurityKey Signing() => new X509SecurityKey({|JWT013:X509Certificate2.CreateFromPem(CertificatePem, KeyPem)|});
}");
        }

        [Fact]
        public async Task PemFromFileConfigurationEnvironmentOrParameter_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Template = ""-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----"";

    public static RSA Load(IConfiguration configuration, string pemParameter)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(""/run/secrets/jwt-signing.pem""));
        rsa.ImportFromPem(configuration[""Jwt:PrivateKey""]);
        rsa.ImportFromPem(Environment.GetEnvironmentVariable(""JWT_PRIVATE_KEY""));
        rsa.ImportFromPem(pemParameter);
        rsa.ImportFromPem(Template.Replace(""{body}"", configuration[""Jwt:PrivateKeyBody""]));
        return rsa;
    }
}");
        }

        [Fact]
        public async Task LocalAssignedTwice_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class Keys
{
    private const string Pem = @""" + Pem + @""";

    public static RSA Load(IConfiguration configuration)
    {
        var pem = Pem;
        pem = File.ReadAllText(configuration[""Jwt:KeyFile""]!);
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }
}");
        }

        [Fact]
        public async Task NoTokenLibraryReferenced_DoesNotReport()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System.Security.Cryptography;

static class Keys
{
    private const string Pem = @""" + Pem + @""";

    public static RSA Load()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(Pem);
        return rsa;
    }
}",
            };
            test.TestState.AdditionalReferences.Clear();
            test.TestState.AdditionalReferences.AddRange(References.Net80);
            await test.RunAsync();
        }

        [Fact]
        public async Task KeyInATestProject_DoesNotReport()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
static class TestTokens
{
    private const string Pem = @""" + Pem + @""";

    public static SecurityKey Signing()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(Pem);
        return new ECDsaSecurityKey(ecdsa);
    }
}",
            };
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "Orders.Api.IntegrationTests"));
            await test.RunAsync();
        }

        [Fact]
        public async Task KeyInAProjectWhoseNameOnlyMentionsTest_Reports()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
static class Tokens
{
    private const string Pem = @""" + Pem + @""";

    public static SecurityKey Signing()
    {
        var ecdsa = ECDsa.Create();
        {|JWT013:ecdsa.ImportFromPem(Pem)|};
        return new ECDsaSecurityKey(ecdsa);
    }
}",
            };
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "TestApi"));
            await test.RunAsync();
        }

        [Fact]
        public async Task StaticReadonlyKeyInAnotherFile_DoesNotReport_KnownGap()
        {
            // Known gap: ValueFlow follows readonly fields within the file being analysed only (another file would
            // need another semantic model). A const in another file is followed (its value is in the symbol).
            var test = new Verify.Test();
            test.TestState.Sources.Add(("Keys.cs", "static class KeyMaterial { public static readonly string Pem = @\"" + Pem + "\"; }"));
            test.TestState.Sources.Add(("Use.cs", @"
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

static class Use
{
    public static SecurityKey Load()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(KeyMaterial.Pem);
        return new RsaSecurityKey(rsa);
    }
}"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BrokenCode_DoesNotReportOrThrow()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
static class Keys
{
    private const string Pem = @""" + Pem + @""";

    public static void Load(RSA rsa, Unknown unknown)
    {
        rsa.ImportFromPem();
        rsa.ImportRSAPrivateKey(Convert.FromBase64String(), out _);
        rsa.ImportParameters(new RSAParameters { D = Missing });
        new X509Certificate2(new byte[] { 1 }, );
        unknown.ImportFromPem(Pem);
        new RsaSecurityKey(
    }
",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }
    }
}
