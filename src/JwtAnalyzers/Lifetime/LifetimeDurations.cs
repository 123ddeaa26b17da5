using System;
using System.Globalization;
using System.Threading;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Lifetime
{
    /// <summary>
    /// A duration that is provable from the code, with what a fixer must edit to shorten it.
    /// <see cref="Seconds"/> is a lower bound (a month counts as 28 days, a year as 365).
    /// </summary>
    internal readonly struct LifetimeDuration
    {
        public LifetimeDuration(double seconds, string? text, SyntaxNode? editNode, string? edit)
        {
            Seconds = seconds;
            Text = text;
            EditNode = editNode;
            Edit = edit;
        }

        public double Seconds { get; }

        /// <summary>The text for messages when the seconds would misdescribe it ("2 months", "TimeSpan.MaxValue").</summary>
        public string? Text { get; }

        /// <summary>The node a fixer rewrites to shorten the duration; null when no simple edit exists.</summary>
        public SyntaxNode? EditNode { get; }

        /// <summary>
        /// How to rewrite <see cref="EditNode"/>: "M|AddDays" (an AddX invocation on "now": rename and replace its
        /// argument), "S|" (a TimeSpan expression: replace by TimeSpan.FromX), "N|seconds" / "N|minutes" /
        /// "N|milliseconds" (a number in that unit: replace by a literal).
        /// </summary>
        public string? Edit { get; }

        public string Describe() => Text ?? LifetimeDurations.Format(Seconds);
    }

    /// <summary>
    /// Evaluates expiry expressions relative to "now": <c>DateTime(Offset).(Utc)Now.AddX(c)</c>, <c>now + TimeSpan</c>,
    /// <c>now.Add(TimeSpan)</c>, clock abstractions (<c>TimeProvider.GetUtcNow()</c>, <c>_clock.UtcNow</c>), Unix
    /// times (<c>ToUnixTimeSeconds()</c>, <c>EpochTime.GetIntDate</c>) and TimeSpan constants, all followed through
    /// <see cref="ValueFlow"/>. Amounts whose sources differ are judged by their longest known source.
    /// </summary>
    internal static class LifetimeDurations
    {
        private const int MaxDepth = 8;
        public const double Minute = 60;
        public const double Hour = 3600;
        public const double Day = 86400;

        public static readonly double MaxTimeSpanSeconds = TimeSpan.MaxValue.TotalSeconds;

        /// <summary>The offset from now of a DateTime/DateTimeOffset value, when it is provable.</summary>
        public static bool TryGetOffset(IOperation operation, out LifetimeDuration duration, CancellationToken cancellationToken)
            => TryGetOffset(operation, out duration, 0, cancellationToken);

        private static bool TryGetOffset(IOperation operation, out LifetimeDuration duration, int depth, CancellationToken cancellationToken)
        {
            duration = default;
            if (depth > MaxDepth) return false;
            var op = ValueFlow.Unwrap(operation, cancellationToken);
            if (IsNow(op, depth, cancellationToken))
            {
                duration = new LifetimeDuration(0, null, null, null);
                return true;
            }

            switch (op)
            {
                case IInvocationOperation invocation when IsDateType(invocation.TargetMethod.ContainingType) && !invocation.TargetMethod.IsStatic && invocation.Instance is { } instance:
                    var name = invocation.TargetMethod.Name;
                    if (name == "ToUniversalTime" || name == "ToLocalTime" || name == "ToOffset")
                    {
                        return TryGetOffset(instance, out duration, depth + 1, cancellationToken);
                    }

                    if (!TryGetOffset(instance, out var baseOffset, depth + 1, cancellationToken)) return false;
                    var simpleBase = baseOffset.Seconds == 0 && baseOffset.Text is null;
                    if (name == "Add" && invocation.Arguments.Length == 1)
                    {
                        if (!TryGetTimeSpan(invocation.Arguments[0].Value, out var span, depth + 1, cancellationToken)) return false;
                        duration = new LifetimeDuration(
                            baseOffset.Seconds + span.Seconds,
                            simpleBase ? span.Text : null,
                            simpleBase ? invocation.Syntax : null,
                            simpleBase ? "M|Add" : null);
                        return true;
                    }

                    var unit = UnitOfAddMethod(name);
                    if (unit == 0 || invocation.Arguments.Length != 1) return false;
                    if (!TryGetAmount(invocation.Arguments[0].Value, out var amount, out var single, cancellationToken)) return false;
                    string? text = null;
                    if (simpleBase && name == "AddMonths") text = Plural(amount, "month");
                    else if (simpleBase && name == "AddYears") text = Plural(amount, "year");
                    duration = new LifetimeDuration(
                        baseOffset.Seconds + amount * unit,
                        text,
                        simpleBase && single ? invocation.Syntax : null,
                        simpleBase && single ? "M|" + name : null);
                    return true;

                case IPropertyReferenceOperation property when property.Instance is { } propertyInstance && IsDateType(property.Property.ContainingType)
                    && (property.Property.Name == "UtcDateTime" || property.Property.Name == "DateTime" || property.Property.Name == "LocalDateTime"):
                    return TryGetOffset(propertyInstance, out duration, depth + 1, cancellationToken);

                case IObjectCreationOperation creation when IsDateTimeOffset(creation.Type) && creation.Arguments.Length >= 1
                    && IsDateType(creation.Arguments[0].Value.Type) && IsZeroOffsetArgument(creation):
                    return TryGetOffset(creation.Arguments[0].Value, out duration, depth + 1, cancellationToken);

                case IBinaryOperation binary when (binary.OperatorKind == BinaryOperatorKind.Add || binary.OperatorKind == BinaryOperatorKind.Subtract)
                    && IsDateType(binary.LeftOperand.Type) && IsTimeSpan(binary.RightOperand.Type):
                    if (!TryGetOffset(binary.LeftOperand, out var left, depth + 1, cancellationToken)) return false;
                    if (!TryGetTimeSpan(binary.RightOperand, out var right, depth + 1, cancellationToken)) return false;
                    if (binary.OperatorKind == BinaryOperatorKind.Subtract)
                    {
                        duration = new LifetimeDuration(left.Seconds - right.Seconds, null, null, null);
                        return true;
                    }

                    var simple = left.Seconds == 0 && left.Text is null;
                    var spanNode = ValueFlow.Unwrap(binary.RightOperand, cancellationToken).Syntax;
                    duration = new LifetimeDuration(left.Seconds + right.Seconds, simple ? right.Text : null, simple ? spanNode : null, simple ? "S|" : null);
                    return true;
            }

            return false;
        }

        /// <summary>The offset from now of a Unix time (seconds or milliseconds since the epoch).</summary>
        public static bool TryGetUnixOffset(IOperation operation, out LifetimeDuration duration, CancellationToken cancellationToken)
            => TryGetUnixOffset(operation, out duration, out _, 0, cancellationToken);

        private static bool TryGetUnixOffset(IOperation operation, out LifetimeDuration duration, out double unitSeconds, int depth, CancellationToken cancellationToken)
        {
            duration = default;
            unitSeconds = 1;
            if (depth > MaxDepth) return false;
            var op = ValueFlow.Unwrap(operation, cancellationToken);
            switch (op)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if (!method.IsStatic && invocation.Instance is { } instance && IsDateTimeOffset(method.ContainingType)
                        && (method.Name == "ToUnixTimeSeconds" || method.Name == "ToUnixTimeMilliseconds"))
                    {
                        unitSeconds = method.Name == "ToUnixTimeSeconds" ? 1 : 0.001;
                        return TryGetOffset(instance, out duration, depth + 1, cancellationToken);
                    }

                    // EpochTime.GetIntDate(DateTime) (Microsoft.IdentityModel.Tokens), UnixEpoch.GetSecondsSince(DateTime(Offset)) (JWT.Net).
                    if (method.IsStatic && (method.Name == "GetIntDate" || method.Name == "GetSecondsSince")
                        && invocation.Arguments.Length == 1 && IsDateType(invocation.Arguments[0].Value.Type))
                    {
                        return TryGetOffset(invocation.Arguments[0].Value, out duration, depth + 1, cancellationToken);
                    }

                    return false;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    // now-in-seconds + constant
                    if (TryGetUnixOffset(binary.LeftOperand, out var left, out unitSeconds, depth + 1, cancellationToken)
                        && TryGetAmount(binary.RightOperand, out var add, out var single, cancellationToken))
                    {
                        duration = Plus(left, add * unitSeconds, single ? ValueFlow.Unwrap(binary.RightOperand, cancellationToken).Syntax : null, unitSeconds);
                        return true;
                    }

                    if (TryGetUnixOffset(binary.RightOperand, out var right, out unitSeconds, depth + 1, cancellationToken)
                        && TryGetAmount(binary.LeftOperand, out var add2, out var single2, cancellationToken))
                    {
                        duration = Plus(right, add2 * unitSeconds, single2 ? ValueFlow.Unwrap(binary.LeftOperand, cancellationToken).Syntax : null, unitSeconds);
                        return true;
                    }

                    return false;
            }

            return false;
        }

        private static LifetimeDuration Plus(LifetimeDuration baseOffset, double seconds, SyntaxNode? constantNode, double unitSeconds)
        {
            var simple = baseOffset.Seconds == 0 && baseOffset.Text is null && constantNode is not null;
            return new LifetimeDuration(
                baseOffset.Seconds + seconds,
                null,
                simple ? constantNode : null,
                simple ? (unitSeconds == 1 ? "N|seconds" : "N|milliseconds") : null);
        }

        /// <summary>A TimeSpan value, when it is provable.</summary>
        public static bool TryGetTimeSpan(IOperation operation, out LifetimeDuration duration, CancellationToken cancellationToken)
            => TryGetTimeSpan(operation, out duration, 0, cancellationToken);

        private static bool TryGetTimeSpan(IOperation operation, out LifetimeDuration duration, int depth, CancellationToken cancellationToken)
        {
            duration = default;
            if (depth > MaxDepth) return false;
            var op = ValueFlow.Unwrap(operation, cancellationToken);
            switch (op)
            {
                case IFieldReferenceOperation field when IsTimeSpan(field.Field.ContainingType) && field.Field.IsStatic:
                    switch (field.Field.Name)
                    {
                        case "MaxValue":
                            duration = new LifetimeDuration(MaxTimeSpanSeconds, "TimeSpan.MaxValue", null, null);
                            return true;
                        case "Zero":
                            duration = new LifetimeDuration(0, null, null, null);
                            return true;
                        case "MinValue":
                            duration = new LifetimeDuration(TimeSpan.MinValue.TotalSeconds, null, null, null);
                            return true;
                    }

                    return false;

                case IInvocationOperation invocation when invocation.TargetMethod.IsStatic && IsTimeSpan(invocation.TargetMethod.ContainingType):
                    var method = invocation.TargetMethod;
                    if (method.Name == "Parse" && invocation.Arguments.Length == 1
                        && ValueFlow.TryGetConstant(invocation.Arguments[0].Value, out var parsed, cancellationToken) && parsed is string s
                        && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span))
                    {
                        duration = new LifetimeDuration(span.TotalSeconds, null, null, null);
                        return true;
                    }

                    var unit = UnitOfFromMethod(method.Name);
                    if (unit == 0) return false;
                    return TrySumArguments(invocation.Arguments, unit, out duration, cancellationToken);

                case IObjectCreationOperation creation when IsTimeSpan(creation.Type):
                    if (creation.Arguments.Length == 0)
                    {
                        duration = new LifetimeDuration(0, null, null, null);
                        return true;
                    }

                    return TrySumArguments(creation.Arguments, 0, out duration, cancellationToken);

                case IDefaultValueOperation when IsTimeSpan(op.Type):
                    duration = new LifetimeDuration(0, null, null, null);
                    return true;

                case IBinaryOperation binary when IsTimeSpan(binary.Type):
                    if (binary.OperatorKind == BinaryOperatorKind.Add || binary.OperatorKind == BinaryOperatorKind.Subtract)
                    {
                        if (!TryGetTimeSpan(binary.LeftOperand, out var l, depth + 1, cancellationToken)
                            || !TryGetTimeSpan(binary.RightOperand, out var r, depth + 1, cancellationToken)) return false;
                        var total = binary.OperatorKind == BinaryOperatorKind.Add ? l.Seconds + r.Seconds : l.Seconds - r.Seconds;
                        duration = new LifetimeDuration(Math.Min(total, MaxTimeSpanSeconds), null, null, null);
                        return true;
                    }

                    if (binary.OperatorKind == BinaryOperatorKind.Multiply)
                    {
                        var spanSide = IsTimeSpan(binary.LeftOperand.Type) ? binary.LeftOperand : binary.RightOperand;
                        var factorSide = ReferenceEquals(spanSide, binary.LeftOperand) ? binary.RightOperand : binary.LeftOperand;
                        if (!TryGetTimeSpan(spanSide, out var t, depth + 1, cancellationToken)
                            || !TryGetAmount(factorSide, out var factor, out _, cancellationToken)) return false;
                        duration = new LifetimeDuration(Math.Min(t.Seconds * factor, MaxTimeSpanSeconds), null, null, null);
                        return true;
                    }

                    return false;
            }

            return false;
        }

        private static bool TrySumArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, double methodUnit, out LifetimeDuration duration, CancellationToken cancellationToken)
        {
            duration = default;
            double total = 0;
            foreach (var argument in arguments)
            {
                if (argument.Parameter is null) return false;
                var unit = UnitOfParameter(argument.Parameter.Name, methodUnit);
                if (unit == 0) return false;
                if (!TryGetAmount(argument.Value, out var amount, out _, cancellationToken)) return false;
                total += amount * unit;
            }

            duration = new LifetimeDuration(Math.Min(total, MaxTimeSpanSeconds), null, null, null);
            return true;
        }

        /// <summary>
        /// A numeric amount: the largest constant among the value's sources (branches of ?: and ??), development-only
        /// branches left out. <paramref name="single"/> is true when the value is one constant on every path.
        /// </summary>
        public static bool TryGetAmount(IOperation operation, out double amount, out bool single, CancellationToken cancellationToken)
        {
            amount = 0;
            single = false;
            var sources = ValueFlow.Sources(operation, cancellationToken);
            var found = false;
            var allKnown = true;
            foreach (var source in sources)
            {
                if (EnvironmentGuard.IsDevelopmentOnly(source))
                {
                    allKnown = false;
                    continue;
                }

                if (!ValueFlow.TryGetSingleConstant(source, out var value, 0, cancellationToken) || !TryToDouble(value, out var number))
                {
                    allKnown = false;
                    continue;
                }

                if (!found || number > amount) amount = number;
                found = true;
            }

            single = found && allKnown && sources.Length == 1;
            return found;
        }

        private static bool TryToDouble(object? value, out double number)
        {
            switch (value)
            {
                case int i: number = i; return true;
                case long l: number = l; return true;
                case double d: number = d; return !double.IsNaN(d) && !double.IsInfinity(d);
                case float f: number = f; return !float.IsNaN(f) && !float.IsInfinity(f);
                case decimal m: number = (double)m; return true;
                case short s: number = s; return true;
                case ushort us: number = us; return true;
                case uint ui: number = ui; return true;
                case ulong ul: number = ul; return true;
                case byte b: number = b; return true;
                case sbyte sb: number = sb; return true;
                default: number = 0; return false;
            }
        }

        /// <summary>"Now": DateTime/DateTimeOffset Now/UtcNow, a clock's UtcNow/Now, TimeProvider.GetUtcNow().</summary>
        private static bool IsNow(IOperation op, int depth, CancellationToken cancellationToken)
        {
            switch (op)
            {
                case IPropertyReferenceOperation property when IsDateType(property.Type) && property.Arguments.IsEmpty:
                    var name = property.Property.Name;
                    return name == "UtcNow" || name == "Now";
                case IInvocationOperation invocation when IsDateType(invocation.Type) && invocation.Arguments.IsEmpty:
                    var method = invocation.TargetMethod.Name;
                    return method == "GetUtcNow" || method == "GetLocalNow" || method == "UtcNow" || method == "Now" || method == "GetNow";
                default:
                    return false;
            }
        }

        private static bool IsZeroOffsetArgument(IObjectCreationOperation creation)
        {
            // new DateTimeOffset(dateTime) or new DateTimeOffset(dateTime, offset): the instant is the DateTime's.
            return creation.Arguments.Length == 1 || (creation.Arguments.Length == 2 && IsTimeSpan(creation.Arguments[1].Value.Type));
        }

        private static double UnitOfAddMethod(string name)
        {
            switch (name)
            {
                case "AddTicks": return 1e-7;
                case "AddMicroseconds": return 1e-6;
                case "AddMilliseconds": return 1e-3;
                case "AddSeconds": return 1;
                case "AddMinutes": return Minute;
                case "AddHours": return Hour;
                case "AddDays": return Day;
                case "AddMonths": return 28 * Day; // the shortest month: a provable lower bound
                case "AddYears": return 365 * Day;
                default: return 0;
            }
        }

        private static double UnitOfFromMethod(string name)
        {
            switch (name)
            {
                case "FromTicks": return 1e-7;
                case "FromMicroseconds": return 1e-6;
                case "FromMilliseconds": return 1e-3;
                case "FromSeconds": return 1;
                case "FromMinutes": return Minute;
                case "FromHours": return Hour;
                case "FromDays": return Day;
                default: return 0;
            }
        }

        private static double UnitOfParameter(string name, double methodUnit)
        {
            switch (name)
            {
                case "value": return methodUnit;
                case "ticks": return 1e-7;
                case "microseconds": return 1e-6;
                case "milliseconds": return 1e-3;
                case "seconds": return 1;
                case "minutes": return Minute;
                case "hours": return Hour;
                case "days": return Day;
                default: return 0;
            }
        }

        public static bool IsDateType(ITypeSymbol? type)
        {
            if (type is null) return false;
            if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol { TypeArguments.Length: 1 } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.SpecialType == SpecialType.System_DateTime || IsDateTimeOffset(type);
        }

        private static bool IsDateTimeOffset(ITypeSymbol? type)
            => type is { Name: "DateTimeOffset", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        public static bool IsTimeSpan(ITypeSymbol? type)
            => type is { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        /// <summary>"30 days", "36 hours", "90 minutes", "45 seconds".</summary>
        public static string Format(double seconds)
        {
            if (seconds >= MaxTimeSpanSeconds) return "TimeSpan.MaxValue";
            if (seconds >= 2 * Day && IsWhole(seconds / Day)) return Plural(seconds / Day, "day");
            if (seconds >= Hour && IsWhole(seconds / Hour)) return Plural(seconds / Hour, "hour");
            if (seconds >= Minute && IsWhole(seconds / Minute)) return Plural(seconds / Minute, "minute");
            if (seconds >= 2 * Day) return Plural(Math.Round(seconds / Hour, 1), "hour");
            return Plural(Math.Round(seconds, 3), "second");
        }

        private static string Plural(double amount, string unit)
            => amount.ToString("0.###", CultureInfo.InvariantCulture) + " " + unit + (amount == 1 ? string.Empty : "s");

        public static bool IsWhole(double value) => Math.Abs(value - Math.Round(value)) < 1e-9 && Math.Abs(value) < 1e15;
    }
}
