using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Validation;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// What <c>run</c> and <c>enqueue</c> both take — a workflow, its inputs, a seed, a run id — and the checks both make
/// before anything is stored: the workflow resolves and validates, and the inputs pass the run's preflight.
/// </summary>
public sealed class RunRequest
{
    public Argument<string> Target { get; } = new("workflow");
    public Option<string[]> Inputs { get; } = new("--input", "-i") { Description = "An input as name=value; repeatable.", AllowMultipleArgumentsPerToken = false };
    public Option<long?> Seed { get; } = new("--seed") { Description = "The run's random seed (recorded; default: drawn at random)." };
    public Option<string?> RunId { get; } = new("--id");

    public RunRequest(string targetDescription, string runIdDescription)
    {
        Target.Description = targetDescription;
        RunId.Description = runIdDescription;
    }

    public RunStartOptions StartOptions(ParseResult parse) => new() { RunId = parse.GetValue(RunId), Seed = parse.GetValue(Seed) };

    /// <summary>The checked workflow and inputs; null (every issue printed) when either is wrong.</summary>
    public async Task<Checked?> CheckAsync(ParseResult parse, CliHost host, OrchestratorStores stores, CancellationToken cancellationToken)
    {
        var resolved = await WorkflowTarget.ResolveAsync(host, stores.Definitions, parse.GetValue(Target)!, cancellationToken);
        if (resolved.Definition is not { } definition)
        {
            IssuePrinter.Print(resolved.Issues);
            return null;
        }
        var given = RunInputs.FromText(definition, parse.GetValue(Inputs) ?? []);
        if (RunPreflight.Check(definition, host.Activities, RunInputs.Resolve(definition, given)) is { Count: > 0 } problems)
        {
            IssuePrinter.Print(problems);
            return null;
        }
        return new Checked(definition, resolved.Catalog, given);
    }

    public sealed record Checked(WorkflowDefinition Definition, IDefinitionCatalog Catalog, JsonObject Inputs);
}
