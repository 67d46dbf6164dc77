using System.Diagnostics;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Templates;

/// <summary>
/// A plugin made the way docs/writing-plugins.md says: the template packed from this checkout, installed (into a
/// private template hive, so nothing is installed for the user), instantiated in a temp folder outside the
/// repository, then built and tested with <c>dotnet test</c>. Made once for all of <see cref="PluginTemplateTests"/>:
/// it costs a build of two projects.
/// </summary>
public sealed class CreatedPlugin : IAsyncLifetime
{
    /// <summary>Not the template's own name (Acme.Tasks), so a file the template forgets to rename fails to build.</summary>
    public const string Name = "Contoso.Sorting";

    public const string Id = "contoso-sorting";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly TempFolder _temp = new();
    private readonly List<string> _timings = [];

    /// <summary>The created solution folder.</summary>
    public string Folder => Path.Combine(_temp.Path, "work", Name);

    /// <summary>What to give <c>--plugins</c>: the folder holding the plugin's project folder.</summary>
    public string PluginsFolder => Path.Combine(Folder, "plugins");

    public string PluginOutput => Path.Combine(PluginsFolder, Name, "bin", Repository.Configuration, "net10.0");

    /// <summary><c>dotnet test</c> of the created solution, which also builds it.</summary>
    public CliProcess.Result Test { get; private set; } = null!;

    public string Timings => string.Join("; ", _timings);

    public async Task InitializeAsync()
    {
        var packages = Path.Combine(_temp.Path, "packages");
        var hive = Path.Combine(_temp.Path, "hive");
        var work = Directory.CreateDirectory(Path.Combine(_temp.Path, "work")).FullName;

        await Succeed("pack", Repository.Root, "pack", Path.Combine(Repository.Templates, "Orchestrator.Templates.csproj"), "-o", packages, "-nologo");
        var package = Directory.GetFiles(packages, "Orchestrator.Templates.*.nupkg").Single();
        await Succeed("install", work, "new", "install", package, "--debug:custom-hive", hive);
        await Succeed("new", work, "new", "orchestrator-plugin", "-n", Name, "--debug:custom-hive", hive);
        Test = await Timed("test", Folder, "test", "-c", Repository.Configuration, "-nologo");
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private async Task Succeed(string step, string workingDirectory, params string[] args)
    {
        var result = await Timed(step, workingDirectory, args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
    }

    private async Task<CliProcess.Result> Timed(string step, string workingDirectory, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var result = await DotnetCommand.RunAsync(workingDirectory, StepTimeout, args);
        _timings.Add($"{step} {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }
}
