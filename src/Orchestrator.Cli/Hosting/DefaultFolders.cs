namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Where the plugins and workflows folders are when <c>--plugins</c> or <c>--workflows</c> is not given, in this
/// order: the environment variable (<c>$ORCHESTRATOR_PLUGINS</c>, <c>$ORCHESTRATOR_WORKFLOWS</c>, ':'-separated);
/// else the folder of that name in the working directory, when it exists (inside the repository, its own
/// <c>plugins/</c> and <c>workflows/</c>, as before the command could be installed); else the copy shipped with
/// the command (<see cref="ShippedContent"/>). The first that applies is used alone, never merged with the
/// others: the same plugin or workflow found twice would clash.
/// </summary>
public static class DefaultFolders
{
    public const string PluginsVariable = "ORCHESTRATOR_PLUGINS";
    public const string WorkflowsVariable = "ORCHESTRATOR_WORKFLOWS";

    public static string[] Plugins() =>
        Resolve(Environment.GetEnvironmentVariable(PluginsVariable), Environment.CurrentDirectory, ShippedContent.PluginsFolderName, ShippedContent.Plugins);

    public static string[] Workflows() =>
        Resolve(Environment.GetEnvironmentVariable(WorkflowsVariable), Environment.CurrentDirectory, ShippedContent.WorkflowsFolderName, ShippedContent.Workflows);

    /// <summary>
    /// The folders to use. With none of them present the working-directory name is returned, so a message
    /// about a missing workflow names where it was looked for.
    /// </summary>
    public static string[] Resolve(string? variable, string workingDirectory, string folderName, string? shipped)
    {
        if (variable is { Length: > 0 })
            return variable.Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (Directory.Exists(Path.Combine(workingDirectory, folderName)))
            return [folderName];
        if (shipped is not null && Directory.Exists(shipped))
            return [shipped];
        return [folderName];
    }

    /// <summary>The help text's account of the order, naming the shipped folder this command would use.</summary>
    public static string Describe(string variable, string folderName, string? shipped) =>
        $"Default: ${variable} (':'-separated), else {folderName}/ in the working directory if it exists, else the {folderName} shipped with the command"
        + (shipped is not null && Directory.Exists(shipped) ? $" ({shipped})." : " (none found beside it).");
}
