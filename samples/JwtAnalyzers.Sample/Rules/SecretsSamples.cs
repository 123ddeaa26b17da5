using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>
/// Where the token service's private signing key comes from: embedded in the code (JWT013) and the safe twins.
/// The committed signing secret of JWT012 is in appsettings.json; its development twin in appsettings.Development.json.
/// </summary>
public static class SecretsSamples
{
    // A throwaway key generated for this sample (openssl genrsa 2048): test data that signs nothing real.
    private const string EmbeddedPrivateKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCQMelQ4zzbzLRE
        g1xyAv1h/3XNajRWxdXS6etiI59U6Islfsc/baUxC85vBg+26NSj3rtaRA1WRPKH
        WXjPZ1f/MOr3qZwotj6fcKY90EkINmoz7ZNjgn8zS7Ur/vpd7Jc2mYPE6i6StgjJ
        MumnMxkf48iJHZ4Atnxh/OEbV2gMwnhmsxsNqysdIcukAT72tky1rIlHOkIZy6/K
        9Up2fdiaOGZV21sPXco0XbJ4fUIQCdCT/A2lxFzT4yPIBWJVBZgVb+VxuynQz4Dz
        pcw0cByd8dwc0fJx8mIkFgMbDOZLyQi035F2B0y88j4ULf5T48kL1d25uaM6ywsP
        cieewNMHAgMBAAECggEAAujO5q/pvsbu7YxM+uFD5YyhqYcMDqLSlqfbn6ZNBQnl
        d4M1rU+etqegqa17TFspod4mSkL3QJdcNrjqbseMsfx1sTuTMrXCpmA/1R11FnJV
        SujvQWG/rp7yGoom2RWjU28I2+9HCJ9y++7yt0nuUYNnZ2+D4aB3pVkp3Zhc5Ben
        UbdZBkavvP7l4Rc7aE4iIF8FjNkRlOgMClBGmVsqgbFy5P2A2fbYn+yf1Z1x71l2
        Vaip8yc7VhkzegoecsKhwdGttmNb+EZ0B/B4q89T2/vtiZPpdV7atcxghInY32kD
        msKOPTl5wMdcOkBssu4oTstSI5fZE/zDPKXA3kRViQKBgQDLDoYSu2k6f0TGBiB4
        SzM616PxUo99XGOcR2vIIeSUZ4Uvsz1O7kapewujeuiFNSkVcxztHzAzczXMnhr+
        SC5Akd3zgKE1iQRjUhYVrLlA74IAAiHHdIT6pcphGdu+JlXSz4GUypFg3DfXFAEo
        qykdt9CdRid6dXL8375ypH50GwKBgQC1yob58Fp1nWrjaq6qwKNyLlkEIyO/hH8P
        YOL3yUETwvBGv3NsEBzB11gr2s738SEQ/2EryixthkKOnXE7zioqcpQJSiRnWRIb
        S+ToGeFibeGYDcJb6lRqJFIGXm9qXwjsPmQNnqyFKFZPtxAQDoZJkiwtft3a2P4e
        Tfg0fVmThQKBgAuyP3jOwMX01MJPUgl702ydRT0+UzOWYcp7trKleSQvPlW8DlkA
        kqNqigYVq1UY9c/dfJoQBNfB2CR8KvPgtoFTpaREEYUi6lTKQqlm9JjP8v4LIWT6
        yjoh2KF1OtoeHS1ydHVcobkhljnWVibAjTLABs04YEfGgiQcwzyZSwtnAoGAfxF2
        cWP4xvdmjFm4h3ApjxkobYTmausBKU2uuEZ7b4W2D62ozyMgBrowTk8elh5833Wy
        hTpG/bN3+FnCmWwM+yiloyyo73hJ+Lx+32Gfsf5eTrtnXHoZ0StcDkmaFT8ibIdb
        xk1gB59fXU73MlIEuY4rxQ1Fo8BDOAmF8aKgp0UCgYBi5zD8Di7Cz1CQXKdUhfNI
        yQUnYbw+GHwaS2uX6GtjIzYS7EdsCkHQboX8gGzDXrCJmJStN3W/w298Rbt/xD8L
        /DYp2HkF7k4scg0WuHKniUS7PcfbEL8S03DFMKOA6CV/UngNL867yiMyIKlhQMO3
        tx9XidX0oiCgD0vPPWbFrA==
        -----END PRIVATE KEY-----
        """;

    private const string PublicKeyXml = "<RSAKeyValue><Modulus>kDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiL</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>";

    private static readonly string PrivateKeyXml =
        "<RSAKeyValue><Modulus>kDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiL</Modulus><Exponent>AQAB</Exponent>"
        + "<P>8x0NUv3N</P><Q>mL4e0Jbe</Q><DP>AQID</DP><DQ>BAUG</DQ><InverseQ>BwgJ</InverseQ><D>CgsM</D></RSAKeyValue>";

    private const string PfxBase64 = "MIIJqQIBAzCCCW8GCSqGSIb3DQEHAaCCCWAEgglcMIIJWDCCBA8GCSqGSIb3DQEHBqCCBAAwggP8AgEA";

    /// <summary>The private key is a constant in the code: everyone who reads the repository can sign tokens.</summary>
    public static SigningCredentials EmbeddedPem()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(EmbeddedPrivateKeyPem); // expect: JWT013
        return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }

    public static SigningCredentials EmbeddedXml()
    {
        var rsa = RSA.Create();
        rsa.FromXmlString(PrivateKeyXml); // expect: JWT013
        return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }

    public static SigningCredentials EmbeddedParameters()
    {
        var key = new RsaSecurityKey(new RSAParameters // expect: JWT013
        {
            Modulus = Convert.FromBase64String("kDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiL"),
            Exponent = Convert.FromBase64String("AQAB"),
            D = Convert.FromBase64String("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="),
        });
        return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    public static SigningCredentials EmbeddedPfx()
    {
        var certificate = new X509Certificate2(Convert.FromBase64String(PfxBase64), "changeit"); // expect: JWT013
        return new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256);
    }

    /// <summary>A fallback to the embedded key runs wherever the setting is missing, production included.</summary>
    public static SigningCredentials EmbeddedFallback(IConfiguration configuration)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(configuration["Jwt:PrivateKeyPem"] ?? EmbeddedPrivateKeyPem); // expect: JWT013
        return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }

    // Safe twins: the key comes from outside the repository, is public, or only exists in development.

    /// <summary>The key file is mounted from a secret store (Kubernetes secret, Docker secret, Key Vault CSI driver).</summary>
    public static SigningCredentials FromMountedFile(IConfiguration configuration)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(configuration["Jwt:PrivateKeyFile"] ?? "/run/secrets/jwt-signing.pem"));
        return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The PEM comes from configuration: user-secrets in development, an environment variable or a vault elsewhere.</summary>
    public static SigningCredentials FromConfiguration(IConfiguration configuration)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(configuration["Jwt:PrivateKeyPem"]);
        return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The certificate comes from the machine's store; only its thumbprint is in configuration.</summary>
    public static SigningCredentials FromCertificateStore(IConfiguration configuration)
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        var certificate = store.Certificates.Find(X509FindType.FindByThumbprint, configuration["Jwt:SigningCertificateThumbprint"]!, validOnly: false)[0];
        return new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256);
    }

    /// <summary>Validators embed the public key: that is what it is for.</summary>
    public static SecurityKey ValidationKey()
    {
        var rsa = RSA.Create();
        rsa.FromXmlString(PublicKeyXml);
        return new RsaSecurityKey(rsa);
    }

    /// <summary>A development-only key, never used outside development.</summary>
    public static SigningCredentials DevelopmentOnly(IWebHostEnvironment environment, IConfiguration configuration)
    {
        var rsa = RSA.Create();
        if (environment.IsDevelopment())
        {
            rsa.ImportFromPem(EmbeddedPrivateKeyPem);
        }
        else
        {
            rsa.ImportFromPem(configuration["Jwt:PrivateKeyPem"]);
        }

        return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }
}
