using TorchSharp;

namespace Orchestrator.Learning.Randomness;

/// <summary>Seeds Torch's own generators, which decide the initial weights.</summary>
public static class TorchSeeding
{
    // Torch's generator is process-wide: two runs seeding and building models at once would interleave draws.
    private static readonly Lock Gate = new();

    /// <summary>Seeds the CPU generator (and CUDA's when present) so model initialisation repeats exactly.</summary>
    public static void Apply(long seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>Seeds and runs <paramref name="create"/> (e.g. builds a model) without another seeded creation in between.</summary>
    public static T Create<T>(long seed, Func<T> create)
    {
        lock (Gate)
        {
            Apply(seed);
            return create();
        }
    }
}
