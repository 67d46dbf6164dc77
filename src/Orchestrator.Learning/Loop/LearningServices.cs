using Orchestrator.Core.Loop;
using Orchestrator.Learning.Devices;
using TorchSharp;

namespace Orchestrator.Learning.Loop;

/// <summary>
/// The loop's services plus where the learning activities compute (a setting: cpu, cuda or auto), and the chat models
/// configured in this process, which <c>learning/propose</c> may ask instead of a local version.
/// </summary>
public sealed class LearningServices(LoopServices loop, DeviceSetting device = DeviceSetting.Cpu, IChatSource? chat = null)
{
    /// <summary>The configured chat connections; none unless the host configures them.</summary>
    public IChatSource Chat { get; } = chat ?? IChatSource.None;

    public LoopServices Loop { get; } = loop;
    public DeviceSetting DeviceSetting { get; } = device;
    public torch.Device Device => DeviceSelector.Resolve(DeviceSetting);
}
