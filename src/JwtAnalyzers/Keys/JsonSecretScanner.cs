using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.Keys
{
    /// <summary>One string value of a JSON configuration file: its configuration path and where it is.</summary>
    internal readonly struct JsonStringValue
    {
        public JsonStringValue(string path, string value, TextSpan span)
        {
            Path = path;
            Value = value;
            Span = span;
        }

        /// <summary>The configuration path, segments joined by ':' as IConfiguration sees them ("Jwt:Key", "Keys:0:Value").</summary>
        public string Path { get; }

        /// <summary>The unescaped value. Callers must never put it in a message.</summary>
        public string Value { get; }

        /// <summary>The value's token, quotes included.</summary>
        public TextSpan Span { get; }
    }

    /// <summary>
    /// A small, tolerant JSON tokenizer for configuration files (the analyzer may not depend on System.Text.Json).
    /// It accepts what ASP.NET Core's JSON configuration accepts — <c>//</c> and <c>/* */</c> comments, trailing
    /// commas — and never throws on anything else: malformed input yields whatever string values could be read.
    /// No recursion (an explicit stack), one pass, linear in the file's length.
    /// </summary>
    internal static class JsonSecretScanner
    {
        private sealed class Frame
        {
            public Frame(bool isArray, string path)
            {
                IsArray = isArray;
                Path = path;
            }

            public bool IsArray { get; }

            public string Path { get; }

            /// <summary>Objects: the key read and not yet given a value.</summary>
            public string? PendingKey { get; set; }

            /// <summary>Objects: a ':' followed the pending key (<c>"Key" "abc"</c> pairs nothing).</summary>
            public bool HasColon { get; set; }

            /// <summary>Arrays: the index of the next element.</summary>
            public int Index { get; set; }
        }

        public static List<JsonStringValue> StringValues(string text, CancellationToken cancellationToken)
        {
            var values = new List<JsonStringValue>();
            var stack = new List<Frame>();
            var i = 0;
            while (i < text.Length)
            {
                if ((i & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                var c = text[i];
                if (c == ':')
                {
                    if (stack.Count > 0 && stack[stack.Count - 1] is { IsArray: false, PendingKey: not null } owner) owner.HasColon = true;
                    i++;
                    continue;
                }

                if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    i++;
                    continue;
                }

                switch (c)
                {
                    case '/':
                        i = SkipComment(text, i);
                        continue;
                    case '{':
                    case '[':
                        stack.Add(new Frame(c == '[', ChildPath(stack)));
                        i++;
                        continue;
                    case '}':
                    case ']':
                        if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                        i++;
                        continue;
                    case ',':
                        if (stack.Count > 0 && !stack[stack.Count - 1].IsArray)
                        {
                            stack[stack.Count - 1].PendingKey = null;
                            stack[stack.Count - 1].HasColon = false;
                        }

                        i++;
                        continue;
                    case '"':
                        var start = i;
                        var s = ReadString(text, ref i);
                        var top = stack.Count > 0 ? stack[stack.Count - 1] : null;
                        // A string after a key without ':' is not its value: it is read as the next key.
                        if (top is { IsArray: false } && (top.PendingKey is null || !top.HasColon))
                        {
                            top.PendingKey = s;
                            top.HasColon = false;
                        }
                        else if (top is not null)
                        {
                            values.Add(new JsonStringValue(ChildPath(stack), s, TextSpan.FromBounds(start, i)));
                        }

                        continue;
                    default:
                        // A number, true/false/null or anything unexpected: a value that is not a string.
                        var before = i;
                        while (i < text.Length && !IsDelimiter(text[i])) i++;
                        if (i == before) i++;
                        ChildPath(stack);
                        continue;
                }
            }

            return values;
        }

        /// <summary>The path of the value that starts now, which consumes the parent's pending key or index.</summary>
        private static string ChildPath(List<Frame> stack)
        {
            if (stack.Count == 0) return string.Empty;
            var parent = stack[stack.Count - 1];
            string segment;
            if (parent.IsArray)
            {
                segment = parent.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parent.Index++;
            }
            else
            {
                segment = parent.PendingKey ?? string.Empty;
                parent.PendingKey = null;
                parent.HasColon = false;
            }

            return parent.Path.Length == 0 ? segment : parent.Path + ":" + segment;
        }

        private static bool IsDelimiter(char c)
            => char.IsWhiteSpace(c) || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || c == '"' || c == '/';

        private static int SkipComment(string text, int i)
        {
            if (i + 1 < text.Length && text[i + 1] == '/')
            {
                i += 2;
                while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
                return i;
            }

            if (i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                return end < 0 ? text.Length : end + 2;
            }

            return i + 1;
        }

        /// <summary>Reads a string starting at the quote at <paramref name="i"/>; leaves <paramref name="i"/> after it.
        /// An unterminated string ends at the end of its line.</summary>
        private static string ReadString(string text, ref int i)
        {
            var builder = new StringBuilder();
            i++;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"')
                {
                    i++;
                    return builder.ToString();
                }

                if (c == '\n' || c == '\r') return builder.ToString();
                if (c != '\\' || i + 1 >= text.Length)
                {
                    builder.Append(c);
                    i++;
                    continue;
                }

                var escaped = text[i + 1];
                i += 2;
                switch (escaped)
                {
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'u':
                        if (i + 4 <= text.Length && TryParseHex(text, i, out var code))
                        {
                            builder.Append(code);
                            i += 4;
                        }
                        else
                        {
                            builder.Append('u');
                        }

                        break;
                    default: builder.Append(escaped); break;
                }
            }

            return builder.ToString();
        }

        private static bool TryParseHex(string text, int start, out char value)
        {
            var code = 0;
            for (var k = start; k < start + 4; k++)
            {
                var c = text[k];
                int digit;
                if (c >= '0' && c <= '9') digit = c - '0';
                else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
                else
                {
                    value = default;
                    return false;
                }

                code = (code * 16) + digit;
            }

            value = (char)code;
            return true;
        }
    }
}
