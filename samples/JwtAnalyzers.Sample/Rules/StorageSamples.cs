using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.JSInterop;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>The login response of the sample API: the token travels inside it.</summary>
public sealed record LoginResponse(string UserName, string AccessToken, string RefreshToken);

/// <summary>What the UI remembers between visits: no token in it.</summary>
public sealed record UserPreferences(string Theme, string Culture);

/// <summary>
/// A Blazor client-side session service: where the tokens go after sign-in. Violations write them to browser
/// storage; the safe twins keep them in memory and store only preferences.
/// </summary>
public sealed class StorageSamples
{
    private const string SetItem = "localStorage.setItem";
    private const string AccessTokenKey = "auth.accessToken";
    private static readonly string RefreshTokenKey = "auth.refreshToken";

    private readonly IJSRuntime _js;
    private readonly HttpClient _http;

    // Safe: the token lives in memory for the lifetime of the circuit/tab.
    private string? _accessToken;

    public StorageSamples(IJSRuntime js, HttpClient http)
    {
        _js = js;
        _http = http;
    }

    public async Task SignInAsync(string userName, string password)
    {
        var response = await _http.PostAsJsonAsync("/api/login", new { userName, password });
        var login = await response.Content.ReadFromJsonAsync<LoginResponse>();
        if (login is null) return;

        await _js.InvokeVoidAsync(SetItem, AccessTokenKey, login.AccessToken); // expect: JWT030
        await _js.InvokeVoidAsync("window.sessionStorage.setItem", RefreshTokenKey, login.RefreshToken); // expect: JWT030
        await _js.InvokeVoidAsync("localStorage.setItem", "currentUser", JsonSerializer.Serialize(login)); // expect: JWT030
        await _js.InvokeVoidAsync("eval", $"localStorage.setItem('jwt', '{login.AccessToken}')"); // expect: JWT030

        // Safe twins: the token stays in memory; storage holds only what is not a credential.
        _accessToken = login.AccessToken;
        await _js.InvokeVoidAsync(SetItem, "currentUser", login.UserName);
        await _js.InvokeVoidAsync(SetItem, "preferences", JsonSerializer.Serialize(new UserPreferences("dark", "en-GB")));
        await _js.InvokeVoidAsync("localStorage.removeItem", AccessTokenKey);
    }

    public async Task<string?> ReadThemeAsync()
        => await _js.InvokeAsync<string?>("localStorage.getItem", "theme");

    public string? AccessToken => _accessToken;
}
