using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Validation;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator validate FILE...</c>: every check a run would make, without running; exit 2 when any file is invalid.
/// Workflows and evaluators may be mixed: each file is checked as what it is (see <see cref="EvaluatorDocuments.IsEvaluatorFile"/>).
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Definition files (YAML or JSON): workflows, and evaluators (in an evaluators/ folder, or with 'filters' and no 'steps'); or workflow ids (ID or ID@VERSION) from the store or the workflows folders.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check workflow and evaluator definitions: syntax, structure, activities or filters and their inputs, references, bounds.") { files };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            // Validating reads a store only if there is one: it never creates a store folder as a side effect.
            using var stores = host.StoreExists ? host.OpenStores() : null;
            var invalid = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                // Located as run and publish locate it, so a shipped evaluator is found from any directory too.
                var located = ShippedContent.Locate(file);
                var (summary, issues) = EvaluatorDocuments.IsEvaluatorFile(located)
                    ? CheckEvaluator(host, located)
                    : await CheckWorkflowAsync(host, stores?.Definitions, file, cancellationToken);
                if (summary is not null)
                {
                    Console.Out.WriteLine($"ok    {file}  ({summary})");
                    continue;
                }
                invalid++;
                Console.Out.WriteLine($"FAIL  {file}  ({Count(issues.Count, "problem")})");
                IssuePrinter.Print(issues);
            }
            return invalid == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static async Task<(string? Summary, IReadOnlyList<ValidationIssue> Issues)> CheckWorkflowAsync(
        CliHost host, IDefinitionStore? store, string file, CancellationToken cancellationToken)
    {
        var result = await WorkflowTarget.ResolveAsync(host, store, file, cancellationToken);
        return result.Definition is { } definition ? ($"{definition.Reference}, {Count(definition.AllSteps().Count(), "step")}", []) : (null, result.Issues);
    }

    private static (string? Summary, IReadOnlyList<ValidationIssue> Issues) CheckEvaluator(CliHost host, string file)
    {
        var (evaluator, issues) = EvaluatorDocuments.Check(host, file);
        return evaluator is null ? (null, issues) : ($"evaluator {evaluator.Reference}, {Count(evaluator.Filters.Count, "filter")}", []);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
