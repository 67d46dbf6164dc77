namespace Orchestrator.Core.Registry;

/// <summary>
/// Parses and resolves model references: <c>NAME@3</c> (a version), <c>NAME@champion</c> (an alias),
/// or <c>NAME</c> (its latest version).
/// </summary>
public static class ModelReference
{
    public static async Task<ModelVersion> ResolveAsync(IModelRegistry registry, string reference, CancellationToken cancellationToken)
    {
        var at = reference.LastIndexOf('@');
        var name = at > 0 ? reference[..at] : reference;
        var selector = at > 0 ? reference[(at + 1)..] : null;
        int version;
        if (selector is null)
        {
            var versions = await registry.ListVersionsAsync(name, cancellationToken);
            if (versions.Count == 0) throw new KeyNotFoundException(NoModel(name, await registry.ListModelsAsync(cancellationToken)));
            return versions[^1];
        }
        if (!int.TryParse(selector, out version))
        {
            var aliases = await registry.GetAliasesAsync(name, cancellationToken);
            if (!aliases.TryGetValue(selector, out version))
                throw new KeyNotFoundException(aliases.Count == 0
                    ? $"model '{name}' has no alias '{selector}' (it has no aliases yet)"
                    : $"model '{name}' has no alias '{selector}'; its aliases: {string.Join(", ", aliases.Select(a => $"{a.Key} -> {a.Value}"))}");
        }
        return await registry.GetAsync(name, version, cancellationToken)
            ?? throw new KeyNotFoundException(NoModel(name, await registry.ListModelsAsync(cancellationToken), version));
    }

    private static string NoModel(string name, IReadOnlyList<string> known, int? version = null) =>
        (version is null ? $"no model '{name}'" : $"no version {version} of model '{name}'")
        + (known.Count == 0 ? " (the registry is empty)" : $"; models: {string.Join(", ", known)}");
}
