namespace Orchestrator.Learning.Randomness;

/// <summary>
/// A small, fast random source (xoshiro256**) whose whole state can be read and restored, so that a training run
/// resumed from a checkpoint draws exactly the batches the uninterrupted run would have drawn.
/// <see cref="System.Random"/> cannot do that: its state is private.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0, s1, s2, s3;

    /// <summary>A source seeded deterministically from <paramref name="seed"/>.</summary>
    public SeededRandom(long seed)
    {
        // SplitMix64 spreads one seed over the four state words, as xoshiro's authors recommend.
        var x = unchecked((ulong)seed);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    private SeededRandom(IReadOnlyList<ulong> state)
    {
        if (state.Count != 4 || state.All(word => word == 0))
        {
            throw new ArgumentException("A random state is four words, not all zero.", nameof(state));
        }

        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>The current state, to store in a checkpoint.</summary>
    public ulong[] State => [s0, s1, s2, s3];

    /// <summary>A source continuing from a state taken with <see cref="State"/>.</summary>
    public static SeededRandom FromState(IReadOnlyList<ulong> state) => new(state);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);

        // Multiply-shift: unbiased enough for sampling data (bias below 2^-32) and branch-free.
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int NextInt(int min, int maxInclusive) => min + NextInt(maxInclusive - min + 1);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
