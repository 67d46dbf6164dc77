using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Core.Evaluation;

/// <summary>
/// Finds evaluators: published versions in the definition store first (id <c>evaluators/ID</c>, versioned,
/// diffed and rolled back like workflows), then the <c>evaluators/</c> folder of each workflows folder
/// (<c>workflows/evaluators/verified.yaml</c> is the evaluator <c>verified</c>). <c>ID</c> means the store's
/// <c>current</c> version (else the file); <c>ID@V</c> one version.
/// </summary>
public sealed class EvaluatorCatalog(IReadOnlyList<string> workflowFolders, AttemptFilterRegistry filters)
{
    /// <summary>The folder, inside each workflows folder, that evaluators live in; also the prefix of their ids in the definition store.</summary>
    public const string FolderName = "evaluators";

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];
    private IDefinitionStore? _store;

    public AttemptFilterRegistry Filters { get; } = filters;

    /// <summary>The definition-store id of an evaluator: <c>evaluators/ID</c>.</summary>
    public static string StoreId(string id) => FolderName + "/" + id;

    /// <summary>Whether <paramref name="storeId"/> names an evaluator in the definition store (<c>evaluators/ID</c>), and its id.</summary>
    public static bool IsStoreId(string storeId, out string id)
    {
        var prefix = FolderName + "/";
        id = storeId.StartsWith(prefix, StringComparison.Ordinal) ? storeId[prefix.Length..] : "";
        return id.Length > 0;
    }

    /// <summary>Looks in <paramref name="store"/> before the folders from now on.</summary>
    public EvaluatorCatalog Attach(IDefinitionStore store)
    {
        _store = store;
        return this;
    }

    /// <summary>The evaluator <c>ID</c> or <c>ID@V</c>, or the issues that stop it from being used (missing, syntax, unknown filter…).</summary>
    public (EvaluatorDefinition? Evaluator, IReadOnlyList<ValidationIssue> Issues) Load(string reference)
    {
        var at = reference.LastIndexOf('@');
        var id = at > 0 ? reference[..at] : reference;
        int? version = null;
        if (at > 0)
        {
            if (!int.TryParse(reference[(at + 1)..], out var v) || v < 1)
                return (null, [new ValidationIssue(reference, null, "", $"'{reference[(at + 1)..]}' is not a version number", "write ID or ID@VERSION, e.g. selflabel@2")]);
            version = v;
        }
        if (_store is not null && LoadStored(id, version) is { } stored) return stored;
        var (evaluator, issues) = LoadFile(id);
        if (evaluator is not null && version is { } wanted && evaluator.Version != wanted)
            return (null, [new ValidationIssue(evaluator.File, null, "/version", $"no version {wanted} of evaluator '{id}': the store has none and the file is version {evaluator.Version}",
                $"publish it ('orchestrator publish {evaluator.File}') or name an existing version")]);
        return (evaluator, issues);
    }

    /// <summary>
    /// A published version, or null when the store has none (then the file is used). Store reads are synchronous here
    /// because validators call this; the stores are local files or one database round trip, with no context to block.
    /// </summary>
    private (EvaluatorDefinition?, IReadOnlyList<ValidationIssue>)? LoadStored(string id, int? version)
    {
        var storeId = StoreId(id);
        var number = version ?? _store!.GetAliasAsync(storeId, IDefinitionStore.CurrentAlias, CancellationToken.None).GetAwaiter().GetResult();
        if (number is not { } n || _store!.GetAsync(storeId, n, CancellationToken.None).GetAwaiter().GetResult() is not { } stored) return null;
        var (evaluator, issues) = EvaluatorReader.Read(new ParsedDocument($"{storeId}@{n} (store)", stored.Document, SourceMap.Empty), Filters);
        return (evaluator is null ? null : evaluator with { Version = n }, issues);
    }

    private (EvaluatorDefinition? Evaluator, IReadOnlyList<ValidationIssue> Issues) LoadFile(string id)
    {
        var candidates = workflowFolders.SelectMany(folder => Extensions.Select(ext => Path.Combine(folder, FolderName, id + ext))).ToList();
        if (candidates.FirstOrDefault(File.Exists) is not { } file)
        {
            var known = Known();
            var where = workflowFolders.Count == 0 ? "no workflows folder is configured" : $"looked in {string.Join(", ", workflowFolders.Select(f => Path.Combine(f, FolderName)))}";
            return (null, [new ValidationIssue(id, null, "", $"no evaluator '{id}' ({where})", NearestName.Hint(id, known, known.Count == 0 ? "add evaluators/" + id + ".yaml" : "known evaluators: " + string.Join(", ", known)))]);
        }
        var (evaluator, issues, _) = EvaluatorReader.ReadFile(file, Filters);
        return (evaluator, issues);
    }

    /// <summary>Evaluator ids found in the folders.</summary>
    public IReadOnlyList<string> Known() =>
        workflowFolders.Select(f => Path.Combine(f, FolderName)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Select(f => Path.GetFileNameWithoutExtension(f)).Distinct().Order(StringComparer.Ordinal).ToList();
}
