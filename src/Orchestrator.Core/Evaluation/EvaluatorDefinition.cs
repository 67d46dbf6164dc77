using System.Text.Json.Nodes;

namespace Orchestrator.Core.Evaluation;

/// <summary>
/// A declarative evaluator as written in <c>workflows/evaluators/*.yaml</c>: a pipeline of filters, each
/// dropping attempts it does not trust. <see cref="Hash"/> is the SHA-256 of the document's canonical JSON, so
/// every judgement records exactly which evaluator made it.
/// </summary>
public sealed record EvaluatorDefinition(string File, string Id, int Version, string Description, IReadOnlyList<FilterStep> Filters, string Hash)
{
    /// <summary>Values a self-edit may change, with bounds (as in workflows).</summary>
    public IReadOnlyList<Definitions.TunableBounds> Tunables { get; init; } = [];

    /// <summary>Paths no self-edit may touch.</summary>
    public IReadOnlyList<string> Protected { get; init; } = [];

    /// <summary><c>id@version</c>, as lineage records it.</summary>
    public string Reference => $"{Id}@{Version}";
}

/// <summary>One stage of an evaluator: the filter it uses and that filter's parameters.</summary>
public sealed record FilterStep(string Uses, JsonObject With);
