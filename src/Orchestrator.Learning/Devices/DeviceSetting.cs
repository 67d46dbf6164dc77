namespace Orchestrator.Learning.Devices;

/// <summary>Where tensors live: a setting, so the same workflow runs on a laptop and on a CUDA machine.</summary>
public enum DeviceSetting
{
    /// <summary>CUDA when a CUDA build of LibTorch and a GPU are present, otherwise the CPU.</summary>
    Auto,

    /// <summary>Always the CPU.</summary>
    Cpu,

    /// <summary>Always CUDA; fails clearly when it is not available.</summary>
    Cuda,
}
