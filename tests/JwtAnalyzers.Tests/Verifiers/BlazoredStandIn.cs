namespace JwtAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Blazored.LocalStorage / Blazored.SessionStorage are not served by the registry here. This source mirrors
    /// the real packages' namespaces and method signatures (v4: ILocalStorageService, ISyncLocalStorageService,
    /// ISessionStorageService, ISyncSessionStorageService), so tests exercise the same symbols users call.
    /// </summary>
    internal static class BlazoredStandIn
    {
        /// <summary>Blazored.LocalStorage: its own package and assembly.</summary>
        public const string LocalStorageSource = @"
namespace Blazored.LocalStorage
{
    using System.Threading;
    using System.Threading.Tasks;
    public interface ILocalStorageService
    {
        ValueTask SetItemAsync<T>(string key, T data, CancellationToken cancellationToken = default);
        ValueTask SetItemAsStringAsync(string key, string data, CancellationToken cancellationToken = default);
        ValueTask<T?> GetItemAsync<T>(string key, CancellationToken cancellationToken = default);
        ValueTask<string?> GetItemAsStringAsync(string key, CancellationToken cancellationToken = default);
        ValueTask RemoveItemAsync(string key, CancellationToken cancellationToken = default);
        ValueTask ClearAsync(CancellationToken cancellationToken = default);
        ValueTask<bool> ContainKeyAsync(string key, CancellationToken cancellationToken = default);
    }
    public interface ISyncLocalStorageService
    {
        void SetItem<T>(string key, T data);
        void SetItemAsString(string key, string data);
        T? GetItem<T>(string key);
        string? GetItemAsString(string key);
        void RemoveItem(string key);
        void Clear();
        bool ContainKey(string key);
    }
}
";

        /// <summary>Blazored.SessionStorage: its own package and assembly, as in the real packages.</summary>
        public const string SessionStorageSource = @"
namespace Blazored.SessionStorage
{
    using System.Threading;
    using System.Threading.Tasks;
    public interface ISessionStorageService
    {
        ValueTask SetItemAsync<T>(string key, T data, CancellationToken cancellationToken = default);
        ValueTask SetItemAsStringAsync(string key, string data, CancellationToken cancellationToken = default);
        ValueTask<T?> GetItemAsync<T>(string key, CancellationToken cancellationToken = default);
        ValueTask<string?> GetItemAsStringAsync(string key, CancellationToken cancellationToken = default);
        ValueTask RemoveItemAsync(string key, CancellationToken cancellationToken = default);
        ValueTask ClearAsync(CancellationToken cancellationToken = default);
    }
    public interface ISyncSessionStorageService
    {
        void SetItem<T>(string key, T data);
        void SetItemAsString(string key, string data);
        T? GetItem<T>(string key);
        string? GetItemAsString(string key);
        void RemoveItem(string key);
        void Clear();
    }
}
";
    }
}
