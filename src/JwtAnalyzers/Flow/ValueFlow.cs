using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.Flow
{
    /// <summary>
    /// Follows a value back to where it comes from, as far as that is provable from the code: through
    /// conversions, <c>const</c>s, locals assigned once, <c>readonly</c> fields and get-only properties
    /// initialised once in the same file, and the branches of <c>??</c> and <c>?:</c>.
    /// Anything else (parameters, configuration, calls) is an opaque source and stays what it is.
    /// </summary>
    internal static class ValueFlow
    {
        // Bounds the walk: deep chains of locals are rare and a bound guarantees termination on cycles.
        private const int MaxDepth = 8;

        /// <summary>
        /// Strips conversions and follows single-assignment locals and once-initialised fields/properties to the
        /// operation that produced the value. Returns the input when nothing can be followed.
        /// </summary>
        public static IOperation Unwrap(IOperation operation, CancellationToken cancellationToken = default)
            => Unwrap(operation, cancellationToken, out _);

        /// <summary><see cref="Unwrap(IOperation, CancellationToken)"/>; <paramref name="settled"/> is false when it stopped at the depth bound.</summary>
        private static IOperation Unwrap(IOperation operation, CancellationToken cancellationToken, out bool settled)
        {
            var current = operation;
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                var next = Step(current, cancellationToken);
                if (next is null)
                {
                    settled = true;
                    return current;
                }

                current = next;
            }

            settled = false;
            return current;
        }

        /// <summary>
        /// Every operation the value may come from: the branches of <c>?:</c> and <c>??</c> are expanded,
        /// each branch unwrapped. A <c>throw</c> branch contributes nothing (it produces no value).
        /// </summary>
        public static ImmutableArray<IOperation> Sources(IOperation operation, CancellationToken cancellationToken = default)
        {
            // Most values have one source: no builder for them.
            var unwrapped = Unwrap(operation, cancellationToken, out var settled);
            return IsBranching(unwrapped) ? Branches(operation, unwrapped, settled, cancellationToken) : ImmutableArray.Create(unwrapped);
        }

        /// <summary>True when every possible source of the value is the same compile-time constant.</summary>
        public static bool TryGetConstant(IOperation operation, out object? value, CancellationToken cancellationToken = default)
        {
            value = null;
            // Most values have one source, and it is already unwrapped: unwrapping it again would ask again about
            // every local on the way (for a local written twice, a second search of its body).
            var unwrapped = Unwrap(operation, cancellationToken, out var settled);
            if (!IsBranching(unwrapped))
            {
                return settled ? TryGetUnwrappedConstant(unwrapped, out value, 0, cancellationToken) : TryGetSingleConstant(unwrapped, out value, 0, cancellationToken);
            }

            var sources = Branches(operation, unwrapped, settled, cancellationToken);
            if (sources.IsEmpty) return false;
            var first = true;
            foreach (var source in sources)
            {
                if (!TryGetSingleConstant(source, out var v, 0, cancellationToken)) return false;
                if (first) { value = v; first = false; }
                else if (!Equals(value, v)) return false;
            }

            return true;
        }

        private static bool IsBranching(IOperation unwrapped) => unwrapped is IConditionalOperation or ICoalesceOperation or IThrowOperation;

        /// <summary>
        /// The sources of a value that <see cref="Unwrap(IOperation, CancellationToken)"/> took to a <c>?:</c>, <c>??</c> or
        /// <c>throw</c>: expanded from there when unwrapping settled (the locals on the way are not asked about again),
        /// else from the value itself.
        /// </summary>
        private static ImmutableArray<IOperation> Branches(IOperation operation, IOperation unwrapped, bool settled, CancellationToken cancellationToken)
        {
            var builder = ImmutableArray.CreateBuilder<IOperation>();
            Collect(settled ? unwrapped : operation, builder, 0, cancellationToken);
            return builder.ToImmutable();
        }

        /// <summary>True when the value is provably the boolean constant <paramref name="expected"/> on every path.</summary>
        public static bool IsConstantBool(IOperation operation, bool expected, CancellationToken cancellationToken = default)
            => TryGetConstant(operation, out var value, cancellationToken) && value is bool b && b == expected;

        /// <summary>
        /// <see cref="IOperation.ConstantValue"/>, read from the field or the token where it can be: a constant field's
        /// value is kept once by its symbol, a string literal's by its token, while the operation's property realizes a
        /// string constant for each operation it is asked of and keeps it through a new weak reference (a finalizable
        /// object).
        /// </summary>
        public static Optional<object?> ConstantOf(IOperation operation)
        {
            switch (operation)
            {
                case ILiteralOperation { Syntax: LiteralExpressionSyntax literal } when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    return literal.Token.ValueText;
                case IFieldReferenceOperation { Field: { HasConstantValue: true, ConstantValue: { } value } }:
                    return value;
                default:
                    return operation.ConstantValue;
            }
        }

        /// <summary>
        /// The constant value of one source (no branch expansion), including string concatenation and
        /// interpolation of constant parts.
        /// </summary>
        public static bool TryGetSingleConstant(IOperation source, out object? value, int depth = 0, CancellationToken cancellationToken = default)
        {
            value = null;
            if (depth > MaxDepth) return false;
            return TryGetUnwrappedConstant(Unwrap(source, cancellationToken), out value, depth, cancellationToken);
        }

        /// <summary><see cref="TryGetSingleConstant"/> of a source <see cref="Unwrap(IOperation, CancellationToken)"/> has settled on.</summary>
        private static bool TryGetUnwrappedConstant(IOperation source, out object? value, int depth, CancellationToken cancellationToken)
        {
            value = null;
            if (depth > MaxDepth) return false;
            var constant = ConstantOf(source);
            if (constant.HasValue)
            {
                value = constant.Value;
                return true;
            }

            switch (source)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary
                    when binary.Type?.SpecialType == SpecialType.System_String:
                    if (TryGetSingleConstant(binary.LeftOperand, out var left, depth + 1, cancellationToken)
                        && TryGetSingleConstant(binary.RightOperand, out var right, depth + 1, cancellationToken))
                    {
                        value = string.Concat(left?.ToString(), right?.ToString());
                        return true;
                    }

                    return false;

                case IInterpolatedStringOperation interpolated:
                    var text = new System.Text.StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation t when t.Text.ConstantValue.Value is string s:
                                text.Append(s);
                                break;
                            case IInterpolationOperation { Alignment: null, FormatString: null } i
                                when TryGetSingleConstant(i.Expression, out var pv, depth + 1, cancellationToken):
                                text.Append(pv);
                                break;
                            default:
                                return false;
                        }
                    }

                    value = text.ToString();
                    return true;
            }

            return false;
        }

        private static void Collect(IOperation operation, ImmutableArray<IOperation>.Builder builder, int depth, CancellationToken cancellationToken)
        {
            var op = Unwrap(operation, cancellationToken);
            if (depth > MaxDepth)
            {
                builder.Add(op);
                return;
            }

            switch (op)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    Collect(conditional.WhenTrue, builder, depth + 1, cancellationToken);
                    Collect(whenFalse, builder, depth + 1, cancellationToken);
                    return;
                case ICoalesceOperation coalesce:
                    Collect(coalesce.Value, builder, depth + 1, cancellationToken);
                    Collect(coalesce.WhenNull, builder, depth + 1, cancellationToken);
                    return;
                case IThrowOperation:
                    return;
                default:
                    builder.Add(op);
                    return;
            }
        }

        private static IOperation? Step(IOperation operation, CancellationToken cancellationToken)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    return conversion.Operand;
                case ILocalReferenceOperation local when !local.Local.HasConstantValue:
                    return SingleAssignmentOf(local.Local, operation);
                case IFieldReferenceOperation field when field.Field.IsReadOnly: // a constant is never readonly
                    return InitializerOf(field.Field, operation, cancellationToken);
                case IPropertyReferenceOperation property when property.Property.SetMethod is null && property.Arguments.IsEmpty:
                    return InitializerOf(property.Property, operation, cancellationToken);
                default:
                    return null;
            }
        }

        // A field's or property's initializer is kept per compilation (one weakly keyed table per compilation, so
        // nothing outlives it). Not one weak entry per symbol: each such entry is a GC dependent handle, which made
        // every collection slower and serialized the threads on the table's lock.
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, IOperation?>> MemberValues =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, IOperation?>>();

        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, IOperation?>>.CreateValueCallback NewMemberValues =
            _ => new ConcurrentDictionary<ISymbol, IOperation?>(SymbolEqualityComparer.Default);

        private static readonly OperationMemo<IOperation[]> Bodies = new OperationMemo<IOperation[]>();

        private static IOperation[] Flatten(IOperation root) => System.Linq.Enumerable.ToArray(root.Descendants());

        /// <summary>
        /// What <c>operation.Descendants()</c> enumerates, in the same order. For the root of an executable body the
        /// array is built once per compilation and shared: many rules search the same method bodies (for a local's
        /// writes, a receiver's other uses, a validation call), and walking an operation tree is far dearer than
        /// looping over an array.
        /// </summary>
        public static IOperation[] DescendantsOf(IOperation operation)
        {
            if (operation.Parent is not null || operation.SemanticModel is not { } model) return Flatten(operation);
            return Bodies.Get(operation, model.Compilation, 0, static (root, _) => Flatten(root));
        }

        private static readonly OperationMemo<IOperation[]> LocalWrites = new OperationMemo<IOperation[]>();

        /// <summary>
        /// The operations of a body that declare or may write a local (declarators, assignments, increments,
        /// deconstructions, ref and out arguments), in body order: what <see cref="SingleAssignmentOf"/> looks at,
        /// kept once per body and compilation. On real code (IdentityServer4's sources) a claim's value followed to a
        /// local scanned all of a large method's operations, once per local asked about.
        /// </summary>
        private static IOperation[] LocalWritesOf(IOperation root)
        {
            if (root.Parent is not null || root.SemanticModel is not { } model) return CollectLocalWrites(root);
            return LocalWrites.Get(root, model.Compilation, 0, static (body, _) => CollectLocalWrites(body));
        }

        private static IOperation[] CollectLocalWrites(IOperation root)
        {
            var writes = new List<IOperation>();
            foreach (var descendant in DescendantsOf(root))
            {
                switch (descendant.Kind)
                {
                    case OperationKind.VariableDeclarator:
                    case OperationKind.SimpleAssignment:
                    case OperationKind.CompoundAssignment:
                    case OperationKind.CoalesceAssignment:
                    case OperationKind.Increment:
                    case OperationKind.Decrement:
                    case OperationKind.DeconstructionAssignment:
                        writes.Add(descendant);
                        break;
                    case OperationKind.Argument when descendant is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                        writes.Add(descendant);
                        break;
                }
            }

            return writes.ToArray();
        }

        /// <summary>
        /// The value a local is given, when it is given exactly one (its initializer or one assignment). Not memoized
        /// per local: it is one loop over the body's few writes, cheaper than hashing the local to look an answer up.
        /// </summary>
        private static IOperation? SingleAssignmentOf(ILocalSymbol local, IOperation reference)
        {
            if (local.IsRef || IsDeclaredWithoutDeclarator(local)) return null;
            return TryAnswerBySearch(local, reference, out var value) ? value : SingleAssignmentByWrites(local, reference);
        }

        /// <summary>
        /// What <see cref="SingleAssignmentByWrites"/> answers for a local declared with an initializer, found without
        /// the body's operations: the body's text is searched for the local's name, and each occurrence is looked at.
        /// True with the initializer when no occurrence can write the local ("var subjectId = user.GetSubjectId();",
        /// the usual claim value); true with null when one is an assignment, increment, or <c>ref</c>/<c>out</c>
        /// argument of this very local (confirmed on its operation): the local then has no single value. False when an
        /// occurrence may write it some other way, may be another local of the same name, or cannot be told apart; the
        /// writes then decide. Collecting a large body's writes flattens the whole body: on IdentityServer4's sources
        /// that was about half of JWT020's claim handler.
        /// </summary>
        internal static bool TryAnswerBySearch(ILocalSymbol local, IOperation reference, out IOperation? value, CancellationToken cancellationToken = default)
        {
            value = null;
            var references = local.DeclaringSyntaxReferences;
            if (references.Length != 1 || references[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: not null } declarator) return false;
            var root = Root(reference);
            var body = root.Syntax;
            if (declarator.SyntaxTree != body.SyntaxTree || !body.Span.Contains(declarator.Span)) return false;

            // Only the local's scope can name it: a local declared in a loop's block is looked for in that block.
            var scope = ScopeOf(declarator) is { } inner && body.Span.Contains(inner.Span) ? inner : body;
            var text = body.SyntaxTree.GetText(cancellationToken);
            // A name spelled with a Unicode escape (\u0061) would not be found by its text.
            if (CallSearch.MayHaveUnicodeEscape(text, scope.Span, cancellationToken)) return false;
            foreach (var position in CallSearch.Occurrences(text, scope.Span, local.Name, cancellationToken))
            {
                var token = scope.FindToken(position);
                // In a comment or disabled code, inside a longer word, in a string: not the name.
                if (!token.Span.Contains(position) || !token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != local.Name) continue;
                if (token.Parent == declarator) continue;
                if (token.Parent is not IdentifierNameSyntax name) return false;
                var write = WriteAt(name, local.Type);
                if (write is null) continue;
                // Written again, so no single value (value stays null): said from the syntax when it cannot be another's write.
                return IsPlainWriteOfTheName(write, scope) || IsCountedWriteOf(local, Around(reference, write.Span), write);
            }

            if (FindBySyntax<IVariableDeclaratorOperation>(Around(reference, declarator.Span), declarator) is not { Initializer: { } initializer } found
                || !SymbolEqualityComparer.Default.Equals(found.Symbol, local))
            {
                return false;
            }

            value = initializer.Value;
            return true;
        }

        /// <summary>
        /// The syntax a local declared by <paramref name="declarator"/> is in scope in: the block (or the whole switch
        /// block) of its declaration statement, or the <c>for</c>, <c>using</c> or <c>fixed</c> statement that declares it.
        /// Null for any other declaration (a top-level statement's local is in scope in every top-level statement).
        /// </summary>
        private static SyntaxNode? ScopeOf(VariableDeclaratorSyntax declarator)
        {
            switch (declarator.Parent?.Parent)
            {
                case LocalDeclarationStatementSyntax { Parent: BlockSyntax block }:
                    return block;
                case LocalDeclarationStatementSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement } }:
                    return switchStatement;
                case ForStatementSyntax or UsingStatementSyntax or FixedStatementSyntax:
                    return declarator.Parent.Parent;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Where an occurrence of the name, used as an expression, may write the local: null when it only reads it; the
        /// assignment (also compound and <c>??=</c>), increment or <c>ref</c>/<c>out</c> argument when it is one of
        /// those; the name itself when it may write it another way (an <c>in</c> argument, <c>ref</c> or address taken,
        /// an element of a tuple, which may be a deconstruction's target, or, for a value type, the receiver of a
        /// member: a <c>this ref</c> extension method writes its receiver).
        /// </summary>
        private static SyntaxNode? WriteAt(IdentifierNameSyntax name, ITypeSymbol? type)
        {
            SyntaxNode node = name;
            while (node.Parent is ParenthesizedExpressionSyntax || node.Parent.IsKind(SyntaxKind.SuppressNullableWarningExpression)) node = node.Parent!;
            switch (node.Parent)
            {
                case AssignmentExpressionSyntax assignment:
                    return assignment.Left == node ? assignment : null;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                    return prefix;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.AddressOfExpression):
                    return name;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                    return postfix;
                case ArgumentSyntax argument when argument.Parent is TupleExpressionSyntax:
                    return name;
                case ArgumentSyntax argument when argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword):
                    return argument;
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                    return name;
                case RefExpressionSyntax:
                    return name;
                case MemberAccessExpressionSyntax member when member.Expression == node && (type is null || !type.IsReferenceType):
                    return name;
                default:
                    return null;
            }
        }

        /// <summary>
        /// True when a write <see cref="WriteAt"/> found is an assignment (also compound and <c>??=</c>) or increment of the
        /// simple name that the local's own scope binds: not in an object or <c>with</c> initializer, whose names are
        /// members, and not inside a lambda, anonymous method or local function between it and the scope, any of which
        /// may declare a parameter or local of the same name. Such a write is one <see cref="SingleAssignmentByWrites"/>
        /// counts, without finding its operation: on IdentityServer4's sources, the search for a foreach block's
        /// <c>claimType</c> (written twice) took 32 µs a compilation with that confirmation and 22 µs without (by probe).
        /// </summary>
        private static bool IsPlainWriteOfTheName(SyntaxNode write, SyntaxNode scope)
        {
            switch (write)
            {
                case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax }:
                    return false;
                case AssignmentExpressionSyntax:
                case PrefixUnaryExpressionSyntax:
                case PostfixUnaryExpressionSyntax:
                    for (var node = write.Parent; node is not null && node != scope; node = node.Parent)
                    {
                        if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) return false;
                    }

                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether the write found by <see cref="WriteAt"/> is one <see cref="SingleAssignmentByWrites"/> counts against this local.</summary>
        private static bool IsCountedWriteOf(ILocalSymbol local, IOperation root, SyntaxNode write)
        {
            switch (write)
            {
                case AssignmentExpressionSyntax:
                    return FindBySyntax<IAssignmentOperation>(root, write) is { } assignment and not IDeconstructionAssignmentOperation && IsLocal(assignment.Target, local);
                case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
                    return FindBySyntax<IIncrementOrDecrementOperation>(root, write) is { } increment && IsLocal(increment.Target, local);
                case ArgumentSyntax:
                    return FindBySyntax<IArgumentOperation>(root, write) is { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument && IsLocal(argument.Value, local);
                default:
                    return false;
            }
        }

        /// <summary>The value a local is given, from every write of its body (see <see cref="SingleAssignmentOf"/>).</summary>
        internal static IOperation? SingleAssignmentByWrites(ILocalSymbol local, IOperation reference)
        {

            // A local is declared in the same executable body as its uses (lambdas and local functions included), so
            // the body's writes hold its declarator and every write. Not SemanticModel.GetOperation on the
            // declaring syntax: that looks the member up again and waits on the model's lock while the compiler
            // binds on other threads.
            IVariableDeclaratorOperation? declarator = null;
            IOperation? assigned = null;
            var writes = 0;
            foreach (var descendant in LocalWritesOf(Root(reference)))
            {
                switch (descendant)
                {
                    case IVariableDeclaratorOperation candidate when SymbolEqualityComparer.Default.Equals(candidate.Symbol, local):
                        if (declarator is not null) return null;
                        declarator = candidate;
                        break;
                    case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, local):
                        writes++;
                        assigned = assignment.Value;
                        break;
                    case ICompoundAssignmentOperation compound when IsLocal(compound.Target, local):
                    case ICoalesceAssignmentOperation coalesceAssignment when IsLocal(coalesceAssignment.Target, local):
                    case IIncrementOrDecrementOperation increment when IsLocal(increment.Target, local):
                    case IDeconstructionAssignmentOperation deconstruction when ContainsLocal(deconstruction.Target, local):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when IsLocal(argument.Value, local):
                        return null;
                }
            }

            // Declared elsewhere (out var, a pattern, foreach): no single known value.
            if (declarator is null) return null;
            if (declarator.Initializer is { } initializer) return writes == 0 ? initializer.Value : null;
            return writes == 1 ? assigned : null;
        }

        /// <summary>
        /// A foreach variable, or one declared in a pattern, an out argument or a deconstruction: such a local never has
        /// one known value (<see cref="SingleAssignmentOf"/> finds no declarator with an initializer for it), so the
        /// body's writes need not be collected to say so. On IdentityServer4's sources half the locals asked about
        /// were foreach variables.
        /// </summary>
        private static bool IsDeclaredWithoutDeclarator(ILocalSymbol local)
        {
            var references = local.DeclaringSyntaxReferences;
            return references.Length == 1 && references[0].GetSyntax() is ForEachStatementSyntax or SingleVariableDesignationSyntax;
        }

        private static IOperation? InitializerOf(ISymbol member, IOperation reference, CancellationToken cancellationToken)
        {
            var model = reference.SemanticModel;
            if (model is null || member.DeclaringSyntaxReferences.Length != 1) return null;
            var syntax = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            // Only the file being analysed: other files would need another semantic model (RS1030).
            if (syntax.SyntaxTree != model.SyntaxTree) return null;

            ExpressionSyntax? value = syntax switch
            {
                VariableDeclaratorSyntax { Initializer: { } initializer } => initializer.Value,
                PropertyDeclarationSyntax { Initializer: { } initializer, AccessorList: var accessors }
                    when accessors is null || !HasSetter(accessors) => initializer.Value,
                PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
                _ => null,
            };
            if (value is null) return null;
            var members = MemberValues.GetValue(model.Compilation, NewMemberValues);
            if (members.TryGetValue(member, out var known)) return known;
            var operation = member is IFieldSymbol field && !field.IsConst && IsAssignedOutsideInitializer(field, model, cancellationToken)
                ? null
                : model.GetOperation(value, cancellationToken);
            return members.GetOrAdd(member, operation);
        }

        private static bool HasSetter(AccessorListSyntax accessors)
        {
            foreach (var accessor in accessors.Accessors)
            {
                if (!accessor.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.GetAccessorDeclaration)) return true;
            }

            return false;
        }

        /// <summary>A readonly field may still be assigned in a constructor; then its initializer is not the value.</summary>
        private static bool IsAssignedOutsideInitializer(IFieldSymbol field, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var constructor in field.IsStatic ? field.ContainingType.StaticConstructors : field.ContainingType.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    var body = reference.GetSyntax(cancellationToken);
                    if (body.SyntaxTree != model.SyntaxTree) return true; // cannot see it: assume the worst
                    foreach (var assignment in body.DescendantNodes())
                    {
                        if (assignment is AssignmentExpressionSyntax a
                            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(a.Left, cancellationToken).Symbol, field))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The operation of type <typeparamref name="T"/> whose syntax is <paramref name="syntax"/>, found under
        /// <paramref name="root"/> by descending only into the children whose syntax contains it: a few steps down one
        /// path, where a search of the flattened body reads every operation. Null when that path does not lead to it
        /// (an implicit operation whose syntax spans its neighbours' may hide it); callers then fall back to a search.
        /// </summary>
        public static T? FindBySyntax<T>(IOperation root, SyntaxNode syntax)
            where T : class, IOperation
        {
            var span = syntax.Span;
            var current = root;
            for (var depth = 0; depth < 256; depth++)
            {
                if (current is T found && current.Syntax == syntax) return found;
                IOperation? next = null;
                foreach (var child in current.ChildOperations)
                {
                    if (child.Syntax.Span.Contains(span))
                    {
                        next = child;
                        break;
                    }
                }

                if (next is null) return null;
                current = next;
            }

            return null;
        }

        /// <summary>
        /// The nearest operation above <paramref name="operation"/> whose syntax contains <paramref name="span"/> (the
        /// root at worst): where <see cref="FindBySyntax"/> starts to look for a write or declaration near a use. From
        /// the root of a large method each step down reads the syntax of every statement before the one it takes.
        /// </summary>
        private static IOperation Around(IOperation operation, TextSpan span)
        {
            var current = operation;
            while (current.Parent is { } parent && !current.Syntax.Span.Contains(span)) current = parent;
            return current;
        }

        public static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent) current = parent;
            return current;
        }

        private static bool IsLocal(IOperation? operation, ILocalSymbol local)
            => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static bool ContainsLocal(IOperation target, ILocalSymbol local)
        {
            if (IsLocal(target, local)) return true;
            foreach (var child in target.Descendants())
            {
                if (IsLocal(child, local)) return true;
            }

            return false;
        }
    }
}
