using Orchestrator.Learning.Native;
using TorchSharp;

namespace Orchestrator.Learning.Tests.Native;

public sealed class TorchSharpLoadingTests
{
    private const string NeededVersion = "GLIBCXX_3.4.32";

    [Fact]
    public void TorchSharp_loads_and_computes_in_the_test_output()
    {
        // Without the build's fix this throws on Debian 12 with a misleading
        // "doesn't contain a reference to libtorch-cpu-linux-x64".
        using var sum = torch.ones(2).sum();
        Assert.Equal(2f, sum.item<float>());
    }

    [Fact]
    public void Build_marked_the_GLIBCXX_need_weak_in_the_output_copy()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        Assert.True(ElfVersionNeeds.IsWeak(library, NeededVersion));
    }

    [Fact]
    public void Patching_is_idempotent_and_leaves_other_needs_alone()
    {
        var original = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        var copy = Path.Combine(Path.GetTempPath(), $"libLibTorchSharp-{Guid.NewGuid():N}.so");
        File.Copy(original, copy);
        try
        {
            // The output copy is already patched; clearing the flag by hand gives back the original state.
            Assert.Equal(VersionNeedPatch.AlreadyWeak, ElfVersionNeeds.MarkWeak(copy, NeededVersion));
            Assert.Equal(VersionNeedPatch.NotNeeded, ElfVersionNeeds.MarkWeak(copy, "GLIBCXX_99.99"));
            Assert.False(ElfVersionNeeds.IsWeak(copy, "GLIBCXX_3.4.9"));
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
