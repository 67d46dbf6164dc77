using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Packaging;

/// <summary>
/// The command packed as a .NET tool from this build (<c>dotnet pack --no-build</c>, in the tests' configuration)
/// and installed with <c>dotnet tool install --tool-path</c> into a temp folder, once for all the tests that use
/// it; nothing is installed globally, and the folder is deleted afterwards. Only the packed folder is a package
/// source, so the install cannot pick up a package of the same name from elsewhere.
/// </summary>
public sealed class InstalledTool : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string Feed => _folder.File("feed");

    /// <summary>The <c>orchestrator</c> on the tool path, as a user would type it.</summary>
    public string Command => Path.Combine(_folder.File("tool"), "orchestrator");

    /// <summary>The installed package's tool folder, where the command, LibTorch, plugins/ and workflows/ are.</summary>
    public string InstalledFolder => Path.GetDirectoryName(new FileInfo(Command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Command)!;

    /// <summary>The .nupkg that was installed.</summary>
    public string Package => Directory.GetFiles(Feed, "*.nupkg").Single();

    /// <summary>How long packing took, for the test log when it is slow.</summary>
    public TimeSpan PackTime { get; private set; }

    public async Task InitializeAsync()
    {
        var started = DateTime.UtcNow;
        var pack = await ChildProcess.RunAsync("dotnet", Repository.Root, TimeSpan.FromMinutes(10),
            "pack", Repository.CommandProject, "-c", Repository.Configuration, "--no-build", "--disable-build-servers", "-nodeReuse:false",
            "-o", Feed, $"-p:PublishDir={_folder.File("publish")}/");
        PackTime = DateTime.UtcNow - started;
        if (pack.ExitCode != 0) throw new InvalidOperationException($"dotnet pack failed ({pack.ExitCode}):\n{pack.Stdout}\n{pack.Stderr}");

        var config = _folder.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        var install = await ChildProcess.RunAsync("dotnet", _folder.Path, TimeSpan.FromMinutes(5),
            "tool", "install", "Orchestrator.Cli", "--tool-path", _folder.File("tool"), "--add-source", Feed, "--configfile", config);
        if (install.ExitCode != 0) throw new InvalidOperationException($"dotnet tool install failed ({install.ExitCode}):\n{install.Stdout}\n{install.Stderr}");
    }

    /// <summary>Runs the installed command in <paramref name="workingDirectory"/>.</summary>
    public Task<CliProcess.Result> RunAsync(string workingDirectory, params string[] args) =>
        ChildProcess.RunAsync(Command, workingDirectory, TimeSpan.FromMinutes(3), args);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
