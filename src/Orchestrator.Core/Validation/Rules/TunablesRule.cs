using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Validation.Rules;

/// <summary>
/// Tunables must point at values that exist (a self-edit bounded to nothing is a mistake), and no tunable may
/// lie inside or above a protected path: protection wins, so the overlap is an error to resolve by hand.
/// </summary>
public sealed class TunablesRule : IDefinitionRule
{
    public void Check(DefinitionValidationContext context, IssueList issues)
    {
        var definition = context.Definition;
        foreach (var tunable in definition.Tunables)
        {
            var path = JsonPointer.Append("/tunables", tunable.Pointer);
            if (!JsonPointer.TryResolve(definition.Document, tunable.Pointer, out _))
                issues.Add(path, $"the tunable '{tunable.Pointer}' points at nothing in this definition", "fix the pointer (indexes count from 0, e.g. /steps/0/do/4/with/lr) or remove it");
            foreach (var guarded in definition.Protected)
                if (JsonPointer.IsWithin(tunable.Pointer, guarded) || JsonPointer.IsWithin(guarded, tunable.Pointer))
                    issues.Add(path, $"the tunable '{tunable.Pointer}' overlaps the protected path '{guarded}'", "a path cannot be both editable and protected; remove one of them");
        }
        for (var i = 0; i < definition.Protected.Count; i++)
            if (!JsonPointer.TryResolve(definition.Document, definition.Protected[i], out _))
                issues.Add(JsonPointer.Append("/protected", i), $"the protected path '{definition.Protected[i]}' points at nothing in this definition", "fix the pointer or remove it");
    }
}
