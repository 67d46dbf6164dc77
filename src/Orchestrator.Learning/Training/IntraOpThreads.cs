using TorchSharp;

namespace Orchestrator.Learning.Training;

/// <summary>
/// Sets Torch's intra-op thread count for a while and puts the previous count back when disposed. The count is
/// process-wide and a thread reads it when it first computes, so set it before starting threads that should
/// follow it.
/// </summary>
internal sealed class IntraOpThreads : IDisposable
{
    private readonly int previous;

    private IntraOpThreads(int threads)
    {
        previous = torch.get_num_threads();
        torch.set_num_threads(threads);
    }

    /// <summary>Limits intra-op threads to <paramref name="threads"/> until disposed.</summary>
    public static IntraOpThreads Limit(int threads) => new(threads);

    /// <inheritdoc />
    public void Dispose() => torch.set_num_threads(previous);
}
