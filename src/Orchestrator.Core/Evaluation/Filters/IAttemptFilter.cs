using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary>
/// One stage of an evaluator: drops attempts it does not trust. Filters are small and pure — the same attempts
/// and parameters always keep the same items — so an evaluator's judgement can be replayed and audited.
/// </summary>
public interface IAttemptFilter
{
    /// <summary>The name evaluators use in <c>uses</c>.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Problems with the parameters under <c>with</c>, as (parameter, message) pairs; empty when fine.</summary>
    IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters);

    IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters);

    /// <summary>
    /// As <see cref="Apply(IReadOnlyList{AttemptRecord}, JsonObject)"/>, also told what the evaluator was given before
    /// its first filter (<paramref name="proposed"/>): a filter that counts who proposed (<c>ensemble</c>) must not
    /// mistake a model whose attempts an earlier filter dropped for one that never proposed. Most filters need only
    /// what reaches them.
    /// </summary>
    IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters, IReadOnlyList<AttemptRecord> proposed) => Apply(attempts, parameters);
}
