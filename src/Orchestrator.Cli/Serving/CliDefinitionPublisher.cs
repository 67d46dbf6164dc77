using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Validation;
using Orchestrator.Core.Versioning;
using Orchestrator.Server.Definitions;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Serving;

/// <summary>
/// Publishes definition text posted to the server exactly as <c>orchestrator publish FILE</c> would publish it: the
/// text is written to a private temporary folder under the name given (only its last part, so a name cannot point
/// anywhere else), checked with the CLI's activities and plugins, and stored; issues name the given file, not the copy.
/// </summary>
public sealed class CliDefinitionPublisher(CliHost host, OrchestratorStores stores) : IDefinitionPublisher
{
    public async Task<PublishOutcome> PublishAsync(string text, string fileName, string author, string reason, bool draft, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (!name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return Refused(fileName, $"'{fileName}' does not name a definition file", "give a fileName ending in .yaml, .yml or .json");
        var evaluator = fileName.Replace('\\', '/').Split('/').Contains("evaluators");
        var folder = Directory.CreateTempSubdirectory("orchestrator-publish-").FullName;
        try
        {
            var path = evaluator ? Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "evaluators")).FullName, name) : Path.Combine(folder, name);
            await File.WriteAllTextAsync(path, text, cancellationToken);
            var (id, document, hash, issues) = await PublishDocuments.PrepareAsync(host, stores.Definitions, path, cancellationToken);
            if (document is null) return new PublishOutcome(null, [.. issues.Select(i => i with { File = i.File == path ? fileName : i.File })]);
            var result = await stores.Definitions.PublishAsync(new PublishRequest(id!, document, hash!, author, reason, draft), cancellationToken);
            return new PublishOutcome(result, []);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static PublishOutcome Refused(string file, string message, string hint) => new(null, [new ValidationIssue(file, null, "", message, hint)]);
}
