using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Learning.Native;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Packaging;

/// <summary>
/// The command as a .NET tool: packed from this build, installed into a temp tool path, and run from a working
/// directory that has no plugins/ or workflows/, so everything it finds must have come in the package.
/// </summary>
public sealed class ToolPackageTests(InstalledTool tool, ITestOutputHelper output) : IClassFixture<InstalledTool>, IDisposable
{
    private readonly TempFolder _elsewhere = new();

    [Fact]
    public async Task Installed_command_lists_the_shipped_plugins_activities_and_tasks_from_any_directory()
    {
        output.WriteLine($"dotnet pack took {tool.PackTime.TotalSeconds:0} s");

        var activities = await tool.RunAsync(_elsewhere.Path, "activities", "--json");
        var tasks = await tool.RunAsync(_elsewhere.Path, "tasks");

        Assert.True(activities.ExitCode == 0, activities.Stdout + activities.Stderr);
        Assert.DoesNotContain("plugin not loaded", activities.Stderr);
        var sources = JsonNode.Parse(activities.Stdout)!.AsArray().ToDictionary(a => a!["type"]!.GetValue<string>(), a => a!["source"]!.GetValue<string>());
        Assert.Equal("plugin 'sample' (Orchestrator.Plugins.Sample.dll)", sources.GetValueOrDefault("sample/square"));
        Assert.Equal("built-in", sources.GetValueOrDefault("learning/post-train"));

        Assert.True(tasks.ExitCode == 0, tasks.Stdout + tasks.Stderr);
        var names = TableText.FirstColumn(tasks.Stdout);
        Assert.Contains("arithmetic/addition", names);
        Assert.Contains("text/reverse-digits", names);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_elsewhere.Path));
    }

    [Fact]
    public async Task Installed_command_finds_shipped_workflows_by_id_and_by_their_documented_path_from_any_directory()
    {
        // demo-pipeline calls demo-sum and self-improve-addition uses the shipped evaluators: they must be found too.
        var result = await tool.RunAsync(_elsewhere.Path, "validate", "self-improve-addition", "demo-pipeline", "workflows/meta-improve.yaml");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("ok    self-improve-addition  (self-improve-addition@1,", result.Stdout);
        Assert.Contains("ok    demo-pipeline  (demo-pipeline@1,", result.Stdout);
        Assert.Contains("ok    workflows/meta-improve.yaml  (meta-improve@1,", result.Stdout);
    }

    [Fact]
    public async Task Installed_command_trains_on_the_LibTorch_in_its_package()
    {
        // Debian 12's libstdc++ lacks GLIBCXX_3.4.32: the packed copy must carry the weak marking the build applies.
        Assert.True(ElfVersionNeeds.IsWeak(Path.Combine(tool.InstalledFolder, "libLibTorchSharp.so"), "GLIBCXX_3.4.32"),
            "the installed libLibTorchSharp.so still needs GLIBCXX_3.4.32 strongly");

        var result = await tool.RunAsync(_elsewhere.Path, "bench", "throughput", "--width", "16", "--layers", "1", "--batch", "8",
            "--buckets", "1", "--workers", "1", "--digits", "2", "--steps", "3");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(new Regex(@"width 16, 1-2 digits, 1 buckets, 1 workers: [1-9][\d,]* tokens/s"), result.Stderr + result.Stdout);
    }

    [Fact]
    public void Package_carries_linux_x64_natives_only()
    {
        using var package = ZipFile.OpenRead(tool.Package);
        var names = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("tools/net10.0/linux-x64/libtorch_cpu.so", names);
        Assert.Contains("tools/net10.0/linux-x64/plugins/Orchestrator.Plugins.Arithmetic/Orchestrator.Plugins.Arithmetic.dll", names);
        Assert.Contains("tools/net10.0/linux-x64/workflows/evaluators/verified.yaml", names);
        // Other platforms' native folders, or their libraries, would multiply the size for nothing.
        Assert.DoesNotContain(names, n => n.Contains("/runtimes/", StringComparison.Ordinal) || n.EndsWith(".dylib", StringComparison.Ordinal)
            || n.EndsWith(".so", StringComparison.Ordinal) && n.Contains("musl", StringComparison.Ordinal));
        output.WriteLine($"{Path.GetFileName(tool.Package)}: {new FileInfo(tool.Package).Length / 1_000_000} MB, {package.Entries.Sum(e => e.Length) / 1_000_000} MB unpacked");
    }

    public void Dispose() => _elsewhere.Dispose();
}
