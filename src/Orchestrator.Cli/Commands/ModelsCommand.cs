using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Registry;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator models</c>: the registry — list, show, lineage, register.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("models", "List registered models with their versions and aliases.") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var rows = new List<(string Name, int Versions, IReadOnlyDictionary<string, int> Aliases)>();
            foreach (var name in await stores.Models.ListModelsAsync(cancellationToken))
                rows.Add((name, (await stores.Models.ListVersionsAsync(name, cancellationToken)).Count, await stores.Models.GetAliasesAsync(name, cancellationToken)));
            if (parse.GetValue(json))
            {
                RunJson.Print(new JsonArray(rows.Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Name, ["versions"] = r.Versions,
                    ["aliases"] = new JsonObject(r.Aliases.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
                }).ToArray()));
                return ExitCodes.Success;
            }
            if (rows.Count == 0)
            {
                Console.Out.WriteLine($"no models in {stores.Location}");
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("model", "versions", "aliases");
            foreach (var (name, versions, aliases) in rows)
                table.AddRow(Markup.Escape(name), versions.ToString(), Markup.Escape(string.Join(", ", aliases.Select(a => $"{a.Key} -> {a.Value}"))));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Lineage());
        command.Subcommands.Add(Register());
        return command;
    }

    private static Command Show()
    {
        var reference = new Argument<string>("model") { Description = "NAME, NAME@VERSION or NAME@ALIAS." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("show", "Show a model version: checkpoint (verified), metrics, lineage, aliases.") { reference, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var model = await ModelReference.ResolveAsync(stores.Models, parse.GetValue(reference)!, cancellationToken);
            var aliases = (await stores.Models.GetAliasesAsync(model.Name, cancellationToken)).Where(a => a.Value == model.Version).Select(a => a.Key).ToList();
            string checkpoint;
            try
            {
                await stores.Artifacts.GetVerifiedPathAsync(model.CheckpointHash, $"model {model.Reference}", cancellationToken);
                checkpoint = "verified";
            }
            catch (ArtifactException e)
            {
                checkpoint = "PROBLEM: " + e.Message;
            }
            var document = ModelDocuments.Of(model);
            document["aliases"] = new JsonArray(aliases.Select(a => (JsonNode)a).ToArray());
            document["checkpointStatus"] = checkpoint;
            if (parse.GetValue(json)) RunJson.Print(document);
            else Console.Out.WriteLine(document.ToJsonString(RunJson.Indented));
            return checkpoint == "verified" ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    private static Command Lineage()
    {
        var reference = new Argument<string>("model") { Description = "NAME@VERSION (or NAME@ALIAS)." };
        var command = new Command("lineage", "Show the chain of versions back to the first, with each one's lineage.") { reference };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var model = await ModelReference.ResolveAsync(stores.Models, parse.GetValue(reference)!, cancellationToken);
            var chain = new List<ModelVersion> { model };
            while (chain[^1].Lineage.ParentVersion is { } parent)
                chain.Add(await stores.Models.GetAsync(model.Name, parent, cancellationToken)
                    ?? throw new RunSetupException($"{chain[^1].Reference} names parent version {parent}, which is not in the registry"));
            // Plain lines rather than a drawn tree: they never wrap mid-field, in a terminal or a log.
            Console.Out.WriteLine(model.Name);
            for (var i = 0; i < chain.Count; i++)
            {
                var version = chain[i];
                var l = version.Lineage;
                var indent = new string(' ', 2 * i);
                Console.Out.WriteLine($"{indent}└─ {version.Reference}  checkpoint {version.CheckpointHash}  metrics {version.Metrics.ToJsonString()}");
                Console.Out.WriteLine($"{indent}     run {l.RunId ?? "-"}, workflow {l.Workflow ?? "-"}, evaluator {l.Evaluator ?? "-"}{(l.Teacher is { } teacher ? $", teacher {teacher}" : "")}");
                Console.Out.WriteLine($"{indent}     dataset {l.DatasetHash ?? "-"}, seed {l.Seed?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
                Console.Out.WriteLine($"{indent}     compute {l.Compute.TrainingSteps:N0} steps, {l.Compute.Tokens:N0} tokens, {l.Compute.Seconds:0.#} s; by {version.CreatedBy} at {version.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Register()
    {
        var name = new Argument<string>("name") { Description = "The model name." };
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint file; it is copied into the artifact store.", Required = true };
        var parent = new Option<int?>("--parent") { Description = "The parent version of the same model." };
        var run = new Option<string?>("--run") { Description = "The run that produced it." };
        var workflow = new Option<string?>("--workflow") { Description = "The workflow id@version that produced it." };
        var evaluator = new Option<string?>("--evaluator") { Description = "The evaluator id@version that built its data." };
        var dataset = new Option<string?>("--dataset") { Description = "The training dataset's artifact hash." };
        var seed = new Option<long?>("--seed") { Description = "The seed." };
        var steps = new Option<long>("--steps") { Description = "Training steps spent." };
        var tokens = new Option<long>("--tokens") { Description = "Tokens seen." };
        var seconds = new Option<double>("--seconds") { Description = "Wall-clock seconds spent." };
        var metrics = new Option<string[]>("--metric") { Description = "A metric as name=number; repeatable." };
        var description = new Option<string?>("--description") { Description = "A note." };
        var command = new Command("register", "Register a checkpoint file as the next version of a model, with its lineage.")
            { name, checkpoint, parent, run, workflow, evaluator, dataset, seed, steps, tokens, seconds, metrics, description };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var file = parse.GetValue(checkpoint)!;
            if (!File.Exists(file)) throw new RunSetupException($"no checkpoint file '{file}'");
            var values = new JsonObject();
            foreach (var pair in parse.GetValue(metrics) ?? [])
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0 || !double.TryParse(pair[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    throw new RunSetupException($"--metric '{pair}' is not name=number");
                values[pair[..eq]] = value;
            }
            string hash;
            await using (var stream = File.OpenRead(file)) hash = await stores.Artifacts.PutAsync(stream, cancellationToken);
            var lineage = new ModelLineage
            {
                ParentVersion = parse.GetValue(parent),
                RunId = parse.GetValue(run),
                Workflow = parse.GetValue(workflow),
                Evaluator = parse.GetValue(evaluator),
                DatasetHash = parse.GetValue(dataset),
                Seed = parse.GetValue(seed),
                Compute = new ComputeSpent(parse.GetValue(steps), parse.GetValue(tokens), parse.GetValue(seconds)),
            };
            var model = await stores.Models.RegisterAsync(new RegisterModelRequest(parse.GetValue(name)!, hash, lineage, CliHost.User, values, parse.GetValue(description)), cancellationToken);
            Console.Out.WriteLine($"registered {model.Reference} (checkpoint {hash})");
            return ExitCodes.Success;
        });
        return command;
    }
}
