using Acornima;
using Acornima.Ast;

namespace Orchestrator.Core.Expressions;

/// <summary>
/// What an expression mentions, read from its syntax tree: the names it uses, which step outputs
/// (<c>steps.x</c>) and inputs (<c>inputs.y</c>) it reads. The validator checks these references before a
/// run; the evaluator binds only what is mentioned, so a scope with a thousand step outputs stays cheap.
/// </summary>
public sealed class ExpressionAnalysis
{
    private static readonly ExpressionCache<ExpressionAnalysis> Cache = new();

    private ExpressionAnalysis(Expression syntax, HashSet<string> names, HashSet<string> steps, HashSet<string> inputs, bool dynamicSteps)
    {
        Syntax = syntax;
        FreeNames = Expressions.FreeNames.Of(syntax);
        Names = names;
        StepReferences = steps;
        InputReferences = inputs;
        ReadsStepsDynamically = dynamicSteps;
    }

    public Expression Syntax { get; }
    /// <summary>Every identifier in the expression, property names included: what the evaluator may need to bind.</summary>
    public IReadOnlySet<string> Names { get; }

    /// <summary>The names read from outside the expression (not bound inside it, not property names): what must exist in scope.</summary>
    public IReadOnlySet<string> FreeNames { get; }
    public IReadOnlySet<string> StepReferences { get; }
    public IReadOnlySet<string> InputReferences { get; }

    /// <summary>True for <c>steps[name]</c> with a computed name: every step output must then be bound.</summary>
    public bool ReadsStepsDynamically { get; }

    /// <summary>Parses the expression; throws <see cref="ExpressionException"/> when it is not a single JavaScript expression.</summary>
    public static ExpressionAnalysis Of(string expression) => Cache.GetOrAdd(expression, Analyze);

    private static ExpressionAnalysis Analyze(string expression)
    {
        Expression syntax;
        try
        {
            syntax = new Parser(new ParserOptions { EcmaVersion = EcmaVersion.Latest }).ParseExpression(expression);
        }
        catch (SyntaxErrorException e)
        {
            throw new ExpressionException(expression, $"not a valid expression: {e.Description}", e);
        }
        catch (ParseErrorException e)
        {
            throw new ExpressionException(expression, $"not a valid expression: {e.Description}", e);
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new ExpressionException(expression, "nests too deeply to read; split it into simpler expressions", e);
        }
        var walker = new ReferenceWalker();
        walker.Visit(syntax);
        // A BigInt cannot become JSON, and its arithmetic and printing run as one long call past the time limit
        // ([10n ** 100000n] + '' took seconds), so it is refused before it runs.
        if (walker.BigInt is { } bigint)
            throw new ExpressionException(expression, $"BigInt values ({bigint}) are not supported: definitions compute with JSON numbers");
        return new ExpressionAnalysis(syntax, walker.Names, walker.Steps, walker.Inputs, walker.DynamicSteps);
    }

    private sealed class ReferenceWalker : AstVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Steps { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Inputs { get; } = new(StringComparer.Ordinal);
        public bool DynamicSteps { get; private set; }
        public string? BigInt { get; private set; }

        protected override object? VisitLiteral(Literal node)
        {
            if (node is BigIntLiteral) BigInt ??= node.Raw;
            return base.VisitLiteral(node);
        }

        protected override object? VisitIdentifier(Identifier node)
        {
            Names.Add(node.Name);
            return base.VisitIdentifier(node);
        }

        protected override object? VisitMemberExpression(MemberExpression node)
        {
            if (node.Object is Identifier { Name: "steps" or "inputs" } root)
            {
                var name = node switch
                {
                    { Computed: false, Property: Identifier property } => property.Name,
                    { Computed: true, Property: StringLiteral literal } => literal.Value,
                    _ => null,
                };
                if (root.Name == "steps")
                {
                    if (name is null) DynamicSteps = true;
                    else Steps.Add(name);
                }
                else if (name is not null) Inputs.Add(name);
            }
            return base.VisitMemberExpression(node);
        }
    }
}
