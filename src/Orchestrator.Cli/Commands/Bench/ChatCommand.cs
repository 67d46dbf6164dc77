using System.CommandLine;
using System.Globalization;
using Orchestrator.AI.Chat;
using Orchestrator.Cli.Bench;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary><c>orchestrator bench chat</c>: the OpenAI-compatible endpoint against calling the model directly, at equal concurrency.</summary>
public static class ChatCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The registry version or alias to serve.", DefaultValueFactory = _ => "addition@champion" };
        var requests = new Option<int>("--requests") { Description = "Requests per arm.", DefaultValueFactory = _ => 400 };
        var clients = new Option<string>("--clients") { Description = "Concurrent clients, ','-separated: each count runs both arms.", DefaultValueFactory = _ => "1,8" };
        var length = new Option<int>("--length") { Description = "Length of every problem (for addition, digits per operand).", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seed of the problems.", DefaultValueFactory = _ => 1 };
        var repeats = new Option<int>("--repeats") { Description = "Runs of each arm, alternating; the median is reported.", DefaultValueFactory = _ => 5 };
        var command = new Command("chat", "Measure /v1/chat/completions over loopback against the same model called directly: latency and completion tokens/s at each concurrency, on one loaded checkpoint.")
            { model, requests, clients, length, seed, repeats };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var counts = parse.GetValue(clients)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(c => int.TryParse(c, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256 ? n : throw new Core.Engine.RunSetupException($"--clients takes counts from 1 to 256, ','-separated, not '{c}'")).ToList();
            var version = await Core.Registry.ModelReference.ResolveAsync(stores.Models, parse.GetValue(model)!, cancellationToken);
            await using var served = new ServedModels(host.Learning);
            using (var lease = await served.AcquireAsync(version, cancellationToken))
            {
                var prompts = ChatBench.Prompts(lease.Model.Task, parse.GetValue(length), parse.GetValue(requests), parse.GetValue(seed));
                Console.Error.WriteLine($"{version.Reference} ({lease.Model.Task.Name}): {prompts.Count} requests per run of an arm, {parse.GetValue(repeats)} runs each, e.g. \"{prompts[0]}\"");
                var arms = await new ChatBench(stores, served, parse.GetValue(model)!).MeasureAsync(prompts, counts, Math.Max(1, parse.GetValue(repeats)), cancellationToken);
                var table = new Table().AddColumns("arm (median run)", "clients", "requests", "p50 ms", "p95 ms", "tokens/s", "rows/batch");
                foreach (var arm in arms)
                    table.AddRow(Markup.Escape(arm.Name), $"{arm.Clients}", $"{arm.Requests}", Ms(arm.P50), Ms(arm.P95), arm.TokensPerSecond.ToString("0", CultureInfo.InvariantCulture), arm.RowsPerBatch.ToString("0.0", CultureInfo.InvariantCulture));
                OutputTables.Write(table);
                foreach (var pair in arms.Chunk(2))
                    Console.Out.WriteLine($"{pair[0].Clients} client(s): the endpoint gives {pair[1].TokensPerSecond / pair[0].TokensPerSecond:P0} of direct tokens/s (overhead {1 - pair[1].TokensPerSecond / pair[0].TokensPerSecond:P1}); p50 {Ms(pair[1].P50 - pair[0].P50)} ms more");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
