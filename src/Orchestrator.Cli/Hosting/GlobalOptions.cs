using System.CommandLine;

namespace Orchestrator.Cli.Hosting;

/// <summary>Options every command understands: where the store is, where plugins and workflows are found.</summary>
public static class GlobalOptions
{
    public static readonly Option<string> Store = new("--store")
    {
        Description = "The store: a folder (SQLite, the default) or a PostgreSQL URL postgres://user:password@host:port/database. Default: $ORCHESTRATOR_STORE, else .orchestrator in the working directory.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ORCHESTRATOR_STORE") is { Length: > 0 } s ? s : ".orchestrator",
    };

    public static readonly Option<string[]> Plugins = new("--plugins")
    {
        Description = "A folder of plugins; repeatable. " + DefaultFolders.Describe(DefaultFolders.PluginsVariable, ShippedContent.PluginsFolderName, ShippedContent.Plugins),
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => DefaultFolders.Plugins(),
    };

    public static readonly Option<string[]> Workflows = new("--workflows")
    {
        Description = "A folder of workflow definitions (and evaluators/), for 'run ID', sub-workflow calls and evaluators; repeatable. "
            + DefaultFolders.Describe(DefaultFolders.WorkflowsVariable, ShippedContent.WorkflowsFolderName, ShippedContent.Workflows),
        Recursive = true,
        DefaultValueFactory = _ => DefaultFolders.Workflows(),
    };

    public static readonly Option<string?> Artifacts = new("--artifacts")
    {
        Description = "The artifact folder (checkpoints, datasets). Default: $ORCHESTRATOR_ARTIFACTS, else 'artifacts' inside a store folder; with PostgreSQL, inside the database (chunked, verified on every read, cached locally), so every worker reaches them.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ORCHESTRATOR_ARTIFACTS") is { Length: > 0 } a ? a : null,
    };

    public static readonly Option<string> Device = new("--device")
    {
        Description = "Where learning activities compute: cpu, cuda or auto (CUDA when available). Default: $ORCHESTRATOR_DEVICE, else cpu.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ORCHESTRATOR_DEVICE") is { Length: > 0 } d ? d : "cpu",
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Device);
        root.Options.Add(Artifacts);
        root.Options.Add(Store);
        root.Options.Add(Plugins);
        root.Options.Add(Workflows);
    }
}
