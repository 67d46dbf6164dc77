using Orchestrator.Core.Loop;
using Orchestrator.Learning.Devices;
using TorchSharp;

namespace Orchestrator.Learning.Loop;

/// <summary>The loop's services plus where the learning activities compute (a setting: cpu, cuda or auto).</summary>
public sealed class LearningServices(LoopServices loop, DeviceSetting device = DeviceSetting.Cpu)
{
    public LoopServices Loop { get; } = loop;
    public DeviceSetting DeviceSetting { get; } = device;
    public torch.Device Device => DeviceSelector.Resolve(DeviceSetting);
}
