using TorchSharp;

namespace Orchestrator.Learning.Training;

/// <summary>
/// The CPU threads one job may compute on, for the whole process. By default a training step uses one gradient worker
/// per core and Torch one intra-op thread per core, which is right for one job on a machine; a worker running several
/// jobs at once gives each its share instead, or they oversubscribe the cores and all slow down.
/// </summary>
public static class ComputeThreads
{
    private static int _perJob;

    /// <summary>The limit set by <see cref="Limit"/>, or 0 when there is none (one per core).</summary>
    public static int PerJob => Volatile.Read(ref _perJob);

    /// <summary>Gradient workers for a training step whose options leave them open (0), and Torch's intra-op threads.</summary>
    public static void Limit(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Volatile.Write(ref _perJob, threads);
        torch.set_num_threads(threads);
    }

    /// <summary>Lifts the limit (gradient workers one per core again); Torch's intra-op threads are left as they are.</summary>
    internal static void Clear() => Volatile.Write(ref _perJob, 0);

    /// <summary>The threads a job uses when nothing more specific is asked for.</summary>
    internal static int Default => PerJob > 0 ? PerJob : Environment.ProcessorCount;
}
