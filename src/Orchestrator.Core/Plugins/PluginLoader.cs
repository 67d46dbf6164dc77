using System.Reflection;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Core.Plugins;

/// <summary>
/// Loads plugins from folders. Each sub-folder <c>NAME</c> of a plugins folder is one plugin whose
/// assembly is <c>NAME.dll</c>: directly in the folder (a deployed plugin), or else the newest build of it
/// under <c>NAME/bin/</c> (a plugin project in this repository). Each loads in its own context; a broken
/// one is reported with its file and skipped, and the others load.
/// </summary>
public static class PluginLoader
{
    public static PluginLoadResult LoadInto(ActivityRegistry activities, IEnumerable<string> folders, TaskRegistry? tasks = null, AttemptFilterRegistry? filters = null)
    {
        var loaded = new List<LoadedPlugin>();
        var errors = new List<PluginLoadError>();
        foreach (var folder in folders.Select(Path.GetFullPath).Distinct())
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var pluginFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var file = FindAssembly(pluginFolder);
                if (file is null) continue;
                try
                {
                    loaded.AddRange(Load(file, activities, tasks, filters));
                }
                catch (Exception e)
                {
                    errors.Add(new PluginLoadError(file, Explain(e)));
                }
            }
        }
        return new PluginLoadResult(loaded, errors);
    }

    /// <summary>Loads one plugin assembly and registers what it provides.</summary>
    public static IReadOnlyList<LoadedPlugin> Load(string file, ActivityRegistry activities, TaskRegistry? tasks = null, AttemptFilterRegistry? filters = null)
    {
        var context = new PluginLoadContext(Path.GetFullPath(file));
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(file));
        var pluginTypes = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOrchestratorPlugin).IsAssignableFrom(t))
            .ToList();
        if (pluginTypes.Count == 0)
            throw new InvalidOperationException($"it has no public class implementing {nameof(IOrchestratorPlugin)}; add one that registers the plugin's activities");

        // Register into scratch registries and check every name first, so a plugin that fails
        // half-way, or clashes with a type the host already has, adds nothing at all.
        var registered = new List<(IOrchestratorPlugin Plugin, ActivityRegistry Own, TaskRegistry OwnTasks, AttemptFilterRegistry OwnFilters)>();
        foreach (var type in pluginTypes)
        {
            var plugin = (IOrchestratorPlugin)Activator.CreateInstance(type)!;
            var own = new ActivityRegistry();
            plugin.Register(own);
            var ownTasks = new TaskRegistry();
            plugin.RegisterTasks(ownTasks);
            var ownFilters = new AttemptFilterRegistry();
            plugin.RegisterFilters(ownFilters);
            registered.Add((plugin, own, ownTasks, ownFilters));
        }
        var clashes = registered.SelectMany(r => r.Own.Types).Where(t => activities.TryGet(t, out _)).Select(t => $"'{t}' is already registered by {activities.SourceOf(t)}")
            .Concat(tasks is null ? [] : registered.SelectMany(r => r.OwnTasks.Names).Where(n => tasks.TryGet(n, out _)).Select(n => $"the task '{n}' is already registered by {tasks.SourceOf(n)}"))
            .Concat(filters is null ? [] : registered.SelectMany(r => r.OwnFilters.All).Where(f => filters.TryGet(f.Name, out _)).Select(f => $"the evaluator filter '{f.Name}' is already registered"))
            .ToList();
        if (clashes.Count > 0)
            throw new InvalidOperationException(string.Join("; ", clashes) + ". Rename the plugin's activity, task or filter; none of them were added");

        var result = new List<LoadedPlugin>();
        foreach (var (plugin, own, ownTasks, ownFilters) in registered)
        {
            var source = $"plugin '{plugin.Name}' ({Path.GetFileName(file)})";
            foreach (var activity in own.All) activities.Add(activity, source);
            if (tasks is not null)
                foreach (var task in ownTasks.All) tasks.Add(task, source);
            if (filters is not null)
                foreach (var filter in ownFilters.All) filters.Add(filter);
            result.Add(new LoadedPlugin(plugin.Name, file, own.Types.ToList()));
        }
        return result;
    }

    private static string? FindAssembly(string pluginFolder)
    {
        var name = Path.GetFileName(pluginFolder) + ".dll";
        var deployed = Path.Combine(pluginFolder, name);
        if (File.Exists(deployed)) return deployed;
        var bin = Path.Combine(pluginFolder, "bin");
        if (!Directory.Exists(bin)) return null;
        return Directory.EnumerateFiles(bin, name, SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "ref" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }

    private static string Explain(Exception e) => e switch
    {
        BadImageFormatException => "not a .NET assembly (is the file damaged, or a native library?); rebuild the plugin",
        FileLoadException f => $"could not be loaded: {f.Message}",
        ReflectionTypeLoadException r => "its types could not be loaded: " + string.Join("; ", r.LoaderExceptions.Select(x => x?.Message).Distinct()),
        TargetInvocationException { InnerException: { } inner } => $"its plugin class threw: {inner.Message}",
        _ => e.Message,
    };
}
