using Acornima;
using Acornima.Ast;

namespace Orchestrator.Core.Expressions;

/// <summary>
/// The names an expression reads from outside itself: identifiers in value position, minus the names it
/// binds (arrow and function parameters, declared variables) and minus property names. Scope is read
/// loosely — a name bound anywhere in the expression counts as bound everywhere — which can only hide a
/// typo, never flag a correct expression.
/// </summary>
internal sealed class FreeNames : AstVisitor
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    public static IReadOnlySet<string> Of(Expression expression)
    {
        var walker = new FreeNames();
        walker.Visit(expression);
        walker._read.ExceptWith(walker._bound);
        return walker._read;
    }

    protected override object? VisitIdentifier(Identifier node)
    {
        _read.Add(node.Name);
        return node;
    }

    protected override object? VisitMemberExpression(MemberExpression node)
    {
        Visit(node.Object);
        if (node.Computed) Visit(node.Property);
        return node;
    }

    protected override object? VisitObjectProperty(ObjectProperty node)
    {
        if (node.Computed) Visit(node.Key);
        Visit(node.Value);
        return node;
    }

    protected override object? VisitArrowFunctionExpression(ArrowFunctionExpression node)
    {
        foreach (var parameter in node.Params) Bind(parameter);
        Visit(node.Body);
        return node;
    }

    protected override object? VisitFunctionExpression(FunctionExpression node)
    {
        if (node.Id is { } id) _bound.Add(id.Name);
        foreach (var parameter in node.Params) Bind(parameter);
        Visit(node.Body);
        return node;
    }

    protected override object? VisitVariableDeclarator(VariableDeclarator node)
    {
        Bind(node.Id);
        if (node.Init is { } init) Visit(init);
        return node;
    }

    private void Bind(Node? pattern)
    {
        switch (pattern)
        {
            case Identifier identifier:
                _bound.Add(identifier.Name);
                break;
            case AssignmentPattern assignment:
                Bind(assignment.Left);
                Visit(assignment.Right);
                break;
            case RestElement rest:
                Bind(rest.Argument);
                break;
            case ArrayPattern array:
                foreach (var element in array.Elements) Bind(element);
                break;
            case ObjectPattern obj:
                foreach (var property in obj.Properties)
                    Bind(property is AssignmentProperty p ? p.Value : property);
                break;
        }
    }
}
