using Orchestrator.Learning.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Checkpoints;

/// <summary>A checkpoint read into memory and verified: header, weights and (for training checkpoints) optimizer state.</summary>
/// <param name="Header">What the checkpoint holds.</param>
/// <param name="ModelState">The model's state dict in TorchSharp's format.</param>
/// <param name="OptimizerState">The optimizer's state dict, or null for a model-only checkpoint.</param>
public sealed record Checkpoint(CheckpointHeader Header, byte[] ModelState, byte[]? OptimizerState)
{
    /// <summary>A model of the stored shape with the stored weights, on <paramref name="device"/>.</summary>
    /// <param name="path">The file it came from, for error messages.</param>
    /// <param name="device">Where the model goes.</param>
    /// <param name="expected">When given, the shape the caller needs; a different stored shape is an error.</param>
    /// <exception cref="CheckpointException">The shape differs from <paramref name="expected"/> or the weights do not fit it.</exception>
    public DecoderTransformer CreateModel(string path, Device device, TransformerConfig? expected = null)
    {
        if (expected is not null && expected != Header.Model)
        {
            throw new CheckpointException(path, $"it holds a model of shape {Header.Model}, but {expected} was expected.");
        }

        var model = new DecoderTransformer(Header.Model);
        try
        {
            using var stream = new MemoryStream(ModelState, writable: false);
            model.load(stream, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            model.Dispose();
            throw new CheckpointException(path, $"its weights do not fit a model of shape {Header.Model}: {e.Message}", e);
        }

        return model.to(device);
    }
}
