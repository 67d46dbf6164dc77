using TorchSharp;

namespace Orchestrator.Learning.Devices;

/// <summary>Turns a <see cref="DeviceSetting"/> (or its text form <c>cpu|cuda|auto</c>) into a Torch device.</summary>
public static class DeviceSelector
{
    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>auto</c> (any case).</summary>
    /// <exception cref="ArgumentException">Any other text.</exception>
    public static DeviceSetting Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => DeviceSetting.Auto,
        "cpu" => DeviceSetting.Cpu,
        "cuda" => DeviceSetting.Cuda,
        _ => throw new ArgumentException($"Unknown device '{text}': use cpu, cuda or auto.", nameof(text)),
    };

    /// <summary>The device for a setting; <see cref="DeviceSetting.Auto"/> prefers CUDA when it is available.</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for but this machine (or this LibTorch build) has none.</exception>
    public static torch.Device Resolve(DeviceSetting setting) => setting switch
    {
        DeviceSetting.Cpu => torch.CPU,
        DeviceSetting.Cuda when torch.cuda.is_available() => torch.CUDA,
        DeviceSetting.Cuda => throw new InvalidOperationException(
            "Device 'cuda' was asked for, but CUDA is not available (no GPU, or the CPU-only LibTorch package is referenced). Use 'cpu' or 'auto'."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };
}
