using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Bench;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary>
/// <c>orchestrator bench self-improve</c> and <c>bench self-label</c>: an improvement loop as shipped against its
/// controls, on the same seeds and budget, one arm after another (two cores are better spent on one run at a time).
/// Writes a CSV, PNG plots and a summary, and appends the summary with the command that made it to docs/benchmarks.md.
/// </summary>
public static class LoopBenchCommand
{
    public static Command Create(BenchSuite suite)
    {
        var seeds = new Option<long[]>("--seeds") { Description = "Seeds; every arm runs each one.", DefaultValueFactory = _ => [1, 2, 3], AllowMultipleArgumentsPerToken = true };
        var arms = new Option<string[]>("--arms") { Description = $"Arms to run: {string.Join(", ", suite.Arms.Select(a => a.Name))}.", DefaultValueFactory = _ => suite.Arms.Select(a => a.Name).ToArray(), AllowMultipleArgumentsPerToken = true };
        var minutes = new Option<double>("--minutes") { Description = "Wall-clock budget per run, base training included; 0 for none.", DefaultValueFactory = _ => 30 };
        var inputs = new Option<string[]>("--input", "-i") { Description = "A workflow input as name=value for every arm (e.g. rounds=40); repeatable." };
        var workflow = new Option<string>("--workflow") { Description = "The loop to benchmark.", DefaultValueFactory = _ => suite.Workflow };
        var output = new Option<string>("--out") { Description = "Folder for the CSV, plots and the runs' stores.", DefaultValueFactory = _ => "docs/bench/" + suite.Name };
        var target = new Option<int>("--target") { Description = "The frontier whose time to reach is reported.", DefaultValueFactory = _ => 32 };
        var docs = new Option<string?>("--docs") { Description = "Append the summary to this markdown file ('' for none).", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var command = new Command(suite.Name, suite.Description)
            { seeds, arms, minutes, inputs, workflow, output, target, docs };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            var chosen = parse.GetValue(arms)!.Select(name => suite.Arms.FirstOrDefault(a => a.Name == name)
                ?? throw new RunSetupException($"no arm '{name}'; the arms are {string.Join(", ", suite.Arms.Select(a => a.Name))}")).ToList();
            var resolved = await WorkflowTarget.ResolveAsync(host, null, parse.GetValue(workflow)!, cancellationToken);
            if (resolved.Definition is not { } definition)
            {
                IssuePrinter.Print(resolved.Issues);
                return ExitCodes.InvalidInput;
            }
            // An arm that runs its own procedure (the ensemble) is resolved and validated before anything trains.
            var procedures = new Dictionary<string, (WorkflowDefinition, IDefinitionCatalog)>(StringComparer.Ordinal);
            foreach (var arm in chosen.Where(a => a.Workflow is not null))
            {
                var own = await WorkflowTarget.ResolveAsync(host, null, arm.Workflow!, cancellationToken);
                if (own.Definition is null)
                {
                    IssuePrinter.Print(own.Issues);
                    return ExitCodes.InvalidInput;
                }
                procedures[arm.Name] = (own.Definition, own.Catalog);
            }
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(folder);
            var pairs = parse.GetValue(inputs) ?? [];
            var given = RunInputs.FromText(definition, pairs);
            // Inputs come back with the workflow's defaults filled in; only rounds asked for on the command line cap a run before its budget.
            var rounds = pairs.Any(p => p.StartsWith("rounds=", StringComparison.Ordinal)) ? int.Parse(given["rounds"]!.ToJsonString(), CultureInfo.InvariantCulture) : 200;
            given["rounds"] = rounds;
            given["patience"] = rounds; // every arm gets the whole budget: no early stop
            var budget = parse.GetValue(minutes) is > 0 and var m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;

            var runner = new ArmRunner(host, definition, resolved.Catalog, folder);
            var points = new List<RoundPoint>();
            foreach (var seed in parse.GetValue(seeds)!)
            foreach (var arm in chosen)
            {
                Console.Error.WriteLine($"bench: {arm.Name}, seed {seed}: {arm.Description}");
                points.AddRange(await runner.RunAsync(arm, seed, given, budget, cancellationToken, procedures.TryGetValue(arm.Name, out var procedure) ? procedure : null));
                BenchCsv.Write(Path.Combine(folder, suite.Name + ".csv"), points); // written as it goes: a stopped bench keeps what it measured
            }

            var plots = BenchPlots.Write(folder, points);
            var rows = BenchSummary.Rows(points, parse.GetValue(target));
            var table = BenchSummary.Markdown(rows, parse.GetValue(target));
            Console.Out.WriteLine(table);
            if (parse.GetValue(docs) is { Length: > 0 } docsFile)
                AppendToDocs(suite, docsFile, folder, table, plots, parse, budget, Shared(given, chosen));
            Console.Error.WriteLine($"bench: wrote {Path.Combine(folder, suite.Name + ".csv")} and {plots.Count} plots in {folder}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The inputs every arm shares (an arm's own overrides are named in its description).</summary>
    private static JsonObject Shared(JsonObject inputs, IEnumerable<BenchArm> arms)
    {
        var shared = (JsonObject)inputs.DeepClone();
        foreach (var name in arms.SelectMany(a => a.Inputs.Select(i => i.Key)).Distinct().ToList()) shared.Remove(name);
        return shared;
    }

    private static void AppendToDocs(BenchSuite suite, string docsFile, string folder, string table, IReadOnlyList<string> plots, ParseResult parse, TimeSpan? budget, JsonObject inputs)
    {
        var relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(docsFile))!, folder);
        var commandLine = "dotnet run -c Release --project src/Orchestrator.Cli -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        var section = $"""

            ## {suite.Title} ({DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})

            Command: `{commandLine}`
            Machine: {Environment.ProcessorCount} cores, device {parse.GetValue(GlobalOptions.Device)}; budget {(budget is { } b ? $"{b.TotalMinutes:0} min" : "none")} per run (base training included); inputs {inputs.ToJsonString()}.

            {table}
            Arms: {string.Join("; ", suite.Arms.Select(a => $"{a.Name}: {a.Description}"))}.
            Data: [{Path.Combine(relative, suite.Name + ".csv")}]({Path.Combine(relative, suite.Name + ".csv")}); plots: {string.Join(", ", plots.Select(p => $"[{p}]({Path.Combine(relative, p)})"))}.

            """;
        File.AppendAllText(docsFile, section);
    }
}
