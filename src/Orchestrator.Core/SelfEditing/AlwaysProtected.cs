using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.SelfEditing;

/// <summary>
/// What no self-edit may touch, whatever a document declares: the steps that measure (the gate and the meta-gate,
/// the label audit, the avalanche guard), the document's own edit space (<c>/tunables</c>, <c>/protected</c>) and
/// its identity (<c>/id</c>). A procedure that could edit its judge, or widen what it may edit, could fake its gains.
/// </summary>
public static class AlwaysProtected
{
    /// <summary>Activity types that judge: a step using one is protected with its inputs (its data and thresholds).</summary>
    public static bool IsJudge(string activityType) =>
        activityType.StartsWith("gate/", StringComparison.Ordinal) || activityType.StartsWith("meta/", StringComparison.Ordinal)
        || activityType.StartsWith("guard/", StringComparison.Ordinal) || activityType == "evaluate/audit";

    /// <summary>What every editable document protects: its identity and its own edit space.</summary>
    public static IReadOnlyList<(string Pointer, string Why)> IdentityAndEditSpace { get; } =
    [
        ("/id", "the document's identity"),
        ("/tunables", "the edit space itself (an edit may not widen what may be edited)"),
        ("/protected", "the list of protected paths"),
    ];

    /// <summary>The always-protected pointers of <paramref name="definition"/>, each with the reason it is protected.</summary>
    public static IReadOnlyList<(string Pointer, string Why)> Of(WorkflowDefinition definition)
    {
        var paths = new List<(string, string)>(IdentityAndEditSpace);
        foreach (var step in definition.AllSteps().OfType<ActivityStep>().Where(s => IsJudge(s.Uses)))
            paths.Add((step.Pointer, $"the step '{step.Id}' ({step.Uses}) judges the procedure"));
        return paths;
    }
}
