namespace Orchestrator.Core.Plugins;

/// <summary>What loading plugins did: the plugins loaded, and one error per file that could not be loaded.</summary>
public sealed record PluginLoadResult(IReadOnlyList<LoadedPlugin> Loaded, IReadOnlyList<PluginLoadError> Errors);

public sealed record LoadedPlugin(string Name, string File, IReadOnlyList<string> ActivityTypes);

/// <summary>A plugin file that could not be loaded, and why; the other plugins load regardless.</summary>
public sealed record PluginLoadError(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}
