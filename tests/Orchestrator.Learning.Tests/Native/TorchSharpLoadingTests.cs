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

    [Fact]
    public void Patching_the_original_marks_it_weak_once_and_keeps_its_timestamp()
    {
        // The unpatched original as NuGet restored it; the package folder is where restore put it.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var original = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(original), $"restore puts TorchSharp's native library at {original}");

        var copy = Path.Combine(Path.GetTempPath(), $"libLibTorchSharp-{Guid.NewGuid():N}.so");
        File.Copy(original, copy);
        try
        {
            var written = File.GetLastWriteTimeUtc(copy);
            Assert.False(ElfVersionNeeds.IsWeak(copy, NeededVersion));
            Assert.Equal(VersionNeedPatch.Patched, ElfVersionNeeds.MarkWeak(copy, NeededVersion));
            Assert.True(ElfVersionNeeds.IsWeak(copy, NeededVersion));
            Assert.Equal(VersionNeedPatch.AlreadyWeak, ElfVersionNeeds.MarkWeak(copy, NeededVersion));
            Assert.Equal(written, File.GetLastWriteTimeUtc(copy));
            Assert.Equal(new FileInfo(original).Length, new FileInfo(copy).Length);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-elf-{Guid.NewGuid():N}.so");
        File.WriteAllBytes(path, new byte[128]);
        try
        {
            Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(path, NeededVersion));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
