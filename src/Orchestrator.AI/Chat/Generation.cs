using Orchestrator.Learning.Sampling;

namespace Orchestrator.AI.Chat;

/// <summary>One row waiting for the sampler: its settings, who hears its tokens, and where its answer goes.</summary>
internal sealed class Generation(SamplingRow row, Action<int>? onToken, CancellationToken cancellationToken)
{
    public SamplingRow Row { get; } = row;
    public Action<int>? OnToken { get; } = onToken;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public TaskCompletionSource<SampledAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
