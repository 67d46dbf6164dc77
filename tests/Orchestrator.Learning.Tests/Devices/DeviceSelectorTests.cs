using Orchestrator.Learning.Devices;
using TorchSharp;

namespace Orchestrator.Learning.Tests.Devices;

public sealed class DeviceSelectorTests
{
    [Theory]
    [InlineData("cpu", DeviceSetting.Cpu)]
    [InlineData("CUDA", DeviceSetting.Cuda)]
    [InlineData(" auto ", DeviceSetting.Auto)]
    public void Settings_parse_from_text(string text, DeviceSetting expected) => Assert.Equal(expected, DeviceSelector.Parse(text));

    [Fact]
    public void Unknown_devices_are_a_clear_error() =>
        Assert.Contains("cpu, cuda or auto", Assert.Throws<ArgumentException>(() => DeviceSelector.Parse("tpu")).Message);

    [Fact]
    public void Auto_falls_back_to_the_cpu_and_cuda_fails_clearly_without_a_gpu()
    {
        Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve(DeviceSetting.Cpu).type);
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, DeviceSelector.Resolve(DeviceSetting.Auto).type);
        }
        else
        {
            Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve(DeviceSetting.Auto).type);
            Assert.Contains("CUDA is not available", Assert.Throws<InvalidOperationException>(() => DeviceSelector.Resolve(DeviceSetting.Cuda)).Message);
        }
    }
}
