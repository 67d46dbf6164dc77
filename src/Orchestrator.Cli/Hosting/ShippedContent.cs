namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The plugins and workflows that come with the command: beside it when it is installed as a .NET tool or
/// published (the package carries <c>plugins/</c> and <c>workflows/</c> next to <c>orchestrator.dll</c>), or in
/// the repository it was built in when it runs from a build output (<c>src/Orchestrator.Cli/bin/...</c>).
/// </summary>
public static class ShippedContent
{
    public const string PluginsFolderName = "plugins";
    public const string WorkflowsFolderName = "workflows";

    /// <summary>The folder holding the shipped <c>plugins/</c> and <c>workflows/</c>, or null when there is none.</summary>
    public static string? Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The shipped plugins folder, or null.</summary>
    public static string? Plugins => Root is { } root ? Path.Combine(root, PluginsFolderName) : null;

    /// <summary>The shipped workflows folder (with its <c>evaluators/</c>), or null.</summary>
    public static string? Workflows => Root is { } root ? Path.Combine(root, WorkflowsFolderName) : null;

    /// <summary>
    /// The nearest folder at or above <paramref name="commandFolder"/> that holds both a plugins and a workflows
    /// folder. Walking up is what finds the repository from a build output; an installed tool finds them at once.
    /// </summary>
    public static string? FindRoot(string commandFolder)
    {
        for (var dir = new DirectoryInfo(commandFolder); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, PluginsFolderName)) && Directory.Exists(Path.Combine(dir.FullName, WorkflowsFolderName)))
                return dir.FullName;
        return null;
    }

    /// <summary>
    /// A definition file as the user named it, or, for a relative path under <c>workflows/</c> that the working
    /// directory does not have, the shipped file of that name: so the documented
    /// <c>orchestrator run workflows/self-improve-addition.yaml</c> works from any directory. Anything else is
    /// returned unchanged, and a file the working directory does have always wins.
    /// </summary>
    public static string Locate(string path, string? root = null)
    {
        root ??= Root;
        if (root is null || Path.IsPathRooted(path) || File.Exists(path)) return path;
        var relative = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
        if (relative.Split('/')[0] != WorkflowsFolderName) return path;
        var shipped = Path.Combine(root, relative);
        return File.Exists(shipped) ? shipped : path;
    }
}
