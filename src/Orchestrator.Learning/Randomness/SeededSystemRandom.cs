namespace Orchestrator.Learning.Randomness;

/// <summary>
/// A <see cref="Random"/> that draws from a <see cref="SeededRandom"/>, so code written against
/// <see cref="Random"/> (task generators from plugins) stays inside a training run's saved random state.
/// </summary>
public sealed class SeededSystemRandom(SeededRandom source) : Random
{
    public override int Next() => source.NextInt(int.MaxValue);
    public override int Next(int maxValue) => maxValue <= 0 ? 0 : source.NextInt(maxValue);
    public override int Next(int minValue, int maxValue) => maxValue <= minValue ? minValue : minValue + (int)(source.NextUInt64() % (ulong)((long)maxValue - minValue));
    public override long NextInt64() => (long)(source.NextUInt64() >> 1);
    public override double NextDouble() => source.NextDouble();
    protected override double Sample() => source.NextDouble();

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (byte)source.NextInt(256);
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
}
