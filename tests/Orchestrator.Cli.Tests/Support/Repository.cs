namespace Orchestrator.Cli.Tests.Support;

/// <summary>Finds the repository and the built command from the test's own location.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration these tests were built in (Debug or Release), and so the command beside them.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The command's project folder.</summary>
    public static string CommandProject => Path.Combine(Root, "src", "Orchestrator.Cli");

    /// <summary>The command built in the same configuration as these tests.</summary>
    public static string CommandDll
    {
        get
        {
            var dll = Path.Combine(CommandProject, "bin", Configuration, "net10.0", "orchestrator.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"the command is not built at {dll}; run ./test.sh (it builds the solution first)");
        }
    }

    public static string Plugins => Path.Combine(Root, "plugins");
    public static string Templates => Path.Combine(Root, "templates");
    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }
}
