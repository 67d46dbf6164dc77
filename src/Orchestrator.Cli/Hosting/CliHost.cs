using System.CommandLine;
using Orchestrator.AI.Connections;
using Orchestrator.AI.Editing;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Meta;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Plugins;
using Orchestrator.Core.Tasks;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Loop;
using Orchestrator.Learning.Activities;
using Orchestrator.Learning.Devices;
using Orchestrator.Learning.Loop;
using Orchestrator.Storage;
using Orchestrator.Storage.Artifacts;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// What a command works with, built from the global options: the activities (built-in and from plugins),
/// the catalog of workflow definitions, and the store. Plugin errors are warnings: the rest still loads.
/// </summary>
public sealed class CliHost
{
    private CliHost(ParseResult parse)
    {
        StoreLocation = parse.GetValue(GlobalOptions.Store)!;
        ArtifactsFolder = parse.GetValue(GlobalOptions.Artifacts);
        WorkflowFolders = parse.GetValue(GlobalOptions.Workflows) ?? [];
        Activities = new ActivityRegistry().AddBuiltInActivities();
        var filters = AttemptFilterRegistry.BuiltIn(Tasks);
        PluginResult = PluginLoader.LoadInto(Activities, parse.GetValue(GlobalOptions.Plugins) ?? [], Tasks, filters);
        Loop = new LoopServices(Tasks, new EvaluatorCatalog(WorkflowFolders, filters));
        // The connections file is read when a chat connection or the llm editor is first needed, so a command that never asks needs none.
        var connections = new Lazy<ChatConnections>(() => ChatConnections.FromEnvironment());
        Learning = new LearningServices(Loop, DeviceSelector.Parse(parse.GetValue(GlobalOptions.Device)!), new ConnectionChatSource(() => connections.Value));
        Activities.AddImprovementLoop(Learning);
        Meta = new MetaServices(Loop, Activities, EditorRegistry.BuiltIn().AddLlmEditor(() => connections.Value));
        Activities.AddMetaActivities(Meta);
        foreach (var error in PluginResult.Errors)
            Console.Error.WriteLine($"warning: plugin not loaded: {error}");
    }

    /// <summary>The loop's services with the device the learning activities compute on.</summary>
    public LearningServices Learning { get; }

    /// <summary>The outer loop's services (editors, trials), attached to the store by <see cref="OpenStores"/>.</summary>
    public MetaServices Meta { get; }

    /// <summary>A store folder or a PostgreSQL URL.</summary>
    public string StoreLocation { get; }

    public string? ArtifactsFolder { get; }
    public IReadOnlyList<string> WorkflowFolders { get; }
    public ActivityRegistry Activities { get; }

    /// <summary>The task families (generators and checkers) plugins provide.</summary>
    public TaskRegistry Tasks { get; } = new();
    public PluginLoadResult PluginResult { get; }

    /// <summary>What the improvement-loop activities use; the store side is attached by <see cref="OpenStores"/>.</summary>
    public LoopServices Loop { get; }

    public static CliHost From(ParseResult parse) => new(parse);

    /// <summary>The workflows folders, plus the folder of <paramref name="file"/> so its neighbours can be called.</summary>
    public FolderDefinitionCatalog Catalog(string? file = null)
    {
        var folders = WorkflowFolders.ToList();
        if (file is not null && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder) folders.Add(folder);
        return new FolderDefinitionCatalog(folders);
    }

    public DefinitionLoader Loader(IDefinitionCatalog catalog) => new(Activities, catalog);

    /// <summary>True for a PostgreSQL store, or a store folder that has been created.</summary>
    public bool StoreExists => StoreFactory.IsPostgres(StoreLocation) || Directory.Exists(StoreLocation);

    /// <summary>Opens the store and attaches it to the loop activities (scratch work goes beside the artifacts).</summary>
    public OrchestratorStores OpenStores()
    {
        var stores = StoreFactory.Open(StoreLocation, ArtifactsFolder);
        // Scratch beside a folder of artifacts; with artifacts in PostgreSQL, in the working directory's .orchestrator/.
        var scratch = stores.Artifacts is FileArtifactStore files
            ? Path.Combine(Path.GetDirectoryName(files.Folder.TrimEnd('/'))!, "scratch")
            : Path.GetFullPath(StoreFactory.DefaultScratchFolder);
        Loop.Attach(stores.Artifacts, stores.Models, scratch, stores.Definitions);
        Meta.Attach(stores.Runs, stores.Definitions, stores.Control);
        return stores;
    }

    /// <summary>Who is acting, for journals: $ORCHESTRATOR_USER, else the OS user.</summary>
    public static string User => Environment.GetEnvironmentVariable("ORCHESTRATOR_USER") is { Length: > 0 } u ? u : "user:" + Environment.UserName;
}
