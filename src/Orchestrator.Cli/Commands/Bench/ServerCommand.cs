using System.CommandLine;
using System.Globalization;
using Orchestrator.Cli.Bench;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary><c>orchestrator bench server</c>: API latency over loopback on a store filled with runs and a long journal, and commit-to-event time.</summary>
public static class ServerCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Runs to store before measuring.", DefaultValueFactory = _ => 10_000 };
        var steps = new Option<int>("--steps") { Description = "Journal entries of the one long run.", DefaultValueFactory = _ => 5_000 };
        var requests = new Option<int>("--requests") { Description = "Timed requests per route.", DefaultValueFactory = _ => 200 };
        var events = new Option<int>("--events") { Description = "Steps committed while an event stream is open.", DefaultValueFactory = _ => 20 };
        var command = new Command("server", "Measure the API's latency over loopback with many runs and a long journal stored, and the time from a step's commit to its event. It fills --store: give it an empty one.") { runs, steps, requests, events };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            if ((await stores.Runs.ListRunsAsync(1, cancellationToken)).Count > 0)
                throw new Core.Engine.RunSetupException($"{stores.Location} already holds runs; bench server adds {parse.GetValue(runs):N0} more, so give it an empty store (--store)");
            var bench = new ServerBench(stores, parse.GetValue(runs), parse.GetValue(steps));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await bench.FillAsync(new Progress<string>(m => Console.Error.WriteLine(m)), cancellationToken);
            Console.Error.WriteLine($"store filled in {clock.Elapsed.TotalSeconds:0} s; measuring");
            var (routes, eventTimes) = await bench.MeasureAsync(parse.GetValue(requests), parse.GetValue(events), cancellationToken);

            var table = new Table().AddColumns("route", "requests", "p50 ms", "p95 ms", "max ms", "bytes");
            foreach (var r in routes)
                table.AddRow(Markup.Escape(r.Route), $"{r.Requests}", Ms(r.P50), Ms(r.P95), Ms(r.Max), $"{r.Bytes:N0}");
            OutputTables.Write(table);
            var sorted = eventTimes.Order().ToList();
            Console.Out.WriteLine($"commit -> event: {sorted.Count} steps, median {Ms(sorted[sorted.Count / 2])} ms, max {Ms(sorted[^1])} ms (the server polls the store every 250 ms)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
