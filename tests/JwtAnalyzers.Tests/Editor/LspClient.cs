using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace JwtAnalyzers.Tests.Editor
{
    /// <summary>
    /// The client half of the Language Server Protocol, just enough to drive a real server from a test: JSON-RPC 2.0
    /// messages framed by <c>Content-Length</c> headers over the server process's stdin/stdout. Requests from the
    /// server (<c>workspace/configuration</c>, <c>client/registerCapability</c>, ...) are answered by a callback;
    /// notifications are handed to another. The last lines of the server's stderr and of its log notifications are
    /// kept so a failing test can say what the server was doing. Disposing ends the whole process tree.
    /// </summary>
    internal sealed class LspClient : IAsyncDisposable
    {
        private const int TailLength = 80;

        private readonly Process _process;
        private readonly Stream _toServer;
        private readonly Stream _fromServer;
        private readonly Func<string, JsonNode?, JsonNode?> _answerServerRequest;
        private readonly Action<string, JsonNode?> _onNotification;
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
        private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonNode?>> _pending = new ConcurrentDictionary<long, TaskCompletionSource<JsonNode?>>();
        private readonly ConcurrentQueue<string> _tail = new ConcurrentQueue<string>();
        private readonly Task _readLoop;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastId;

        private LspClient(Process process, Func<string, JsonNode?, JsonNode?> answerServerRequest, Action<string, JsonNode?> onNotification)
        {
            _process = process;
            _toServer = process.StandardInput.BaseStream;
            // Buffered, so headers can be read byte by byte without a system call per byte.
            _fromServer = new BufferedStream(process.StandardOutput.BaseStream);
            _answerServerRequest = answerServerRequest;
            _onNotification = onNotification;
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null) Remember("stderr: " + e.Data);
            };
            _process.BeginErrorReadLine();
            _readLoop = Task.Run(ReadLoopAsync);
        }

        /// <summary>Starts <paramref name="fileName"/> as a language server speaking LSP over stdio.</summary>
        /// <param name="answerServerRequest">Gives the result for a request the server sends (method, params); null answers null.</param>
        /// <param name="onNotification">Called on the reader thread for each notification the server sends.</param>
        public static LspClient Start(
            string fileName,
            IEnumerable<string> arguments,
            string workingDirectory,
            IReadOnlyDictionary<string, string> environment,
            Func<string, JsonNode?, JsonNode?> answerServerRequest,
            Action<string, JsonNode?> onNotification)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            foreach (var (name, value) in environment) info.Environment[name] = value;
            var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
            return new LspClient(process, answerServerRequest, onNotification);
        }

        /// <summary>The server's last stderr lines and log messages, oldest first, for failure messages.</summary>
        public string Tail => string.Join(Environment.NewLine, _tail);

        public bool HasExited => _process.HasExited;

        /// <summary>Sends a request and waits for its result; a JSON-RPC error becomes an <see cref="LspException"/>.</summary>
        public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
        {
            var id = Interlocked.Increment(ref _lastId);
            var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = response;
            try
            {
                await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }, cancellationToken).ConfigureAwait(false);
                return await response.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _pending.TryRemove(id, out _);
            }
        }

        public Task NotifyAsync(string method, JsonNode? parameters, CancellationToken cancellationToken) =>
            WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters }, cancellationToken);

        /// <summary>Asks the server to shut down politely (briefly), then ends its process tree whatever it did.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    using var polite = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await RequestAsync("shutdown", null, polite.Token).ConfigureAwait(false);
                    await NotifyAsync("exit", null, polite.Token).ConfigureAwait(false);
                    await _process.WaitForExitAsync(polite.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or LspException or ObjectDisposedException or InvalidOperationException)
            {
                // It would not go quietly: the kill below ends it.
            }
            finally
            {
                try
                {
                    // Roslyn's MSBuild build hosts are children of the server: take them down too.
                    if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Exited between the check and the kill.
                }

                await Task.WhenAny(_readLoop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
                _process.Dispose();
                _writeLock.Dispose();
            }
        }

        private async Task WriteAsync(JsonObject message, CancellationToken cancellationToken)
        {
            var body = Encoding.UTF8.GetBytes(message.ToJsonString());
            var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _toServer.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                await _toServer.WriteAsync(body, cancellationToken).ConfigureAwait(false);
                await _toServer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        private async Task ReadLoopAsync()
        {
            Exception? failure = null;
            try
            {
                while (await ReadMessageAsync().ConfigureAwait(false) is { } message)
                {
                    await DispatchAsync(message).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or JsonException or FormatException or ObjectDisposedException)
            {
                failure = e;
            }

            var exit = _process.HasExited ? $"exit code {_process.ExitCode}" : "still running";
            var closed = new IOException($"the language server closed its output ({exit}){(failure is null ? "" : ": " + failure.Message)}", failure);
            foreach (var pending in _pending.Values) pending.TrySetException(closed);
        }

        private async Task DispatchAsync(JsonObject message)
        {
            var method = message["method"]?.GetValue<string>();
            var id = message["id"];
            if (method is null)
            {
                // A response to one of our requests.
                if (id is null || !_pending.TryGetValue(id.GetValue<long>(), out var waiting)) return;
                if (message["error"] is JsonObject error)
                {
                    waiting.TrySetException(new LspException(error["code"]?.GetValue<int>() ?? 0, error["message"]?.GetValue<string>() ?? error.ToJsonString()));
                }
                else
                {
                    waiting.TrySetResult(message["result"]?.DeepClone());
                }

                return;
            }

            var parameters = message["params"]?.DeepClone();
            if (id is null)
            {
                if (method is "window/logMessage" or "window/showMessage") Remember($"{method}: {parameters?["message"]}");
                _onNotification(method, parameters);
                return;
            }

            JsonObject reply;
            try
            {
                reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = _answerServerRequest(method, parameters) };
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["error"] = new JsonObject { ["code"] = -32603, ["message"] = e.Message } };
            }

            await WriteAsync(reply, CancellationToken.None).ConfigureAwait(false);
        }

        /// <summary>One framed message, or null at the end of the stream.</summary>
        private async Task<JsonObject?> ReadMessageAsync()
        {
            int? contentLength = null;
            while (true)
            {
                var line = await ReadHeaderLineAsync().ConfigureAwait(false);
                if (line is null) return null;
                if (line.Length == 0) break;
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    contentLength = int.Parse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }

            if (contentLength is not { } length) throw new FormatException("an LSP message came without a Content-Length header");
            var body = new byte[length];
            await _fromServer.ReadExactlyAsync(body).ConfigureAwait(false);
            return JsonNode.Parse(body) as JsonObject ?? throw new FormatException("an LSP message was not a JSON object");
        }

        private async Task<string?> ReadHeaderLineAsync()
        {
            // Headers are ASCII lines ending in CRLF; read byte by byte so no body bytes are consumed.
            var line = new StringBuilder();
            var one = new byte[1];
            while (true)
            {
                if (await _fromServer.ReadAsync(one).ConfigureAwait(false) == 0) return line.Length == 0 ? null : throw new IOException("the stream ended inside a header");
                if (one[0] == (byte)'\n') return line.ToString().TrimEnd('\r');
                line.Append((char)one[0]);
            }
        }

        private void Remember(string line)
        {
            _tail.Enqueue(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,5:F1}s] {line}"));
            while (_tail.Count > TailLength) _tail.TryDequeue(out _);
        }
    }

    /// <summary>A JSON-RPC error the server answered a request with.</summary>
    internal sealed class LspException : Exception
    {
        public LspException(int code, string message)
            : base($"LSP error {code}: {message}")
        {
            Code = code;
        }

        public int Code { get; }
    }
}
