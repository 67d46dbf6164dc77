using TorchSharp;

namespace Orchestrator.Learning.Model;

/// <summary>
/// Scalars that live as long as the process. TorchSharp turns a number argument (the implicit alpha of <c>a + b</c>,
/// the divisor of <c>t / 2.0</c>) into a temporary <see cref="Scalar"/> that nothing references during the native
/// call, so a garbage collection started by another thread can free it while Torch still reads it (seen as "Unknown
/// scalar type" with two gradient workers). Hot paths pass these, or a scalar held in a <c>using</c>, instead.
/// </summary>
internal static class KeptScalars
{
    /// <summary>1, e.g. the alpha of a plain addition.</summary>
    public static readonly Scalar One = 1;

    /// <summary>Minus infinity: the score of a position attention must not see.</summary>
    public static readonly Scalar NegativeInfinity = float.NegativeInfinity;
}
