using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Orchestrator.AI.Chat;
using Orchestrator.Cli.Serving;
using Orchestrator.Core.Tasks;
using Orchestrator.Server.Hosting;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// The cost of the OpenAI-compatible endpoint: the same requests (greedy, one problem each) from the same number of
/// concurrent clients, once straight to <see cref="ModelChatClient"/> and once over HTTP to <c>/v1/chat/completions</c>
/// on loopback, on the same loaded checkpoint and batcher. What differs is HTTP, JSON and the key check.
/// </summary>
internal sealed class ChatBench(OrchestratorStores stores, ServedModels served, string model)
{
    /// <summary>One arm's figures: latency per request and completion tokens per second over the whole arm.</summary>
    public sealed record Arm(string Name, int Clients, int Requests, double P50, double P95, double TokensPerSecond, double RowsPerBatch);

    /// <summary>Each arm at each concurrency, <paramref name="repeats"/> times alternating with the other arm; the run of median tokens/s is reported.</summary>
    public async Task<IReadOnlyList<Arm>> MeasureAsync(IReadOnlyList<string> prompts, IReadOnlyList<int> clients, int repeats, CancellationToken cancellationToken)
    {
        var direct = new ModelChatClient(served, model);
        var secret = await BenchKeys.CreateAsync(stores, cancellationToken);
        await using var server = await OrchestratorServer.StartAsync(stores, new ServerOptions { Urls = "http://127.0.0.1:0" },
            new ServerHost(Chat: new CliChatModels(new ChatModelCatalog(served))), cancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(server.Urls.Single()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        Func<string, Task<long>> straight = async prompt =>
            (await direct.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { Temperature = 0 }, cancellationToken)).Usage?.OutputTokenCount ?? 0;
        Func<string, Task<long>> overHttp = async prompt =>
        {
            using var response = await http.PostAsJsonAsync("/v1/chat/completions", new { model, messages = new[] { new { role = "user", content = prompt } }, temperature = 0 }, cancellationToken);
            response.EnsureSuccessStatusCode();
            return (long)(await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["usage"]!["completion_tokens"]!;
        };
        foreach (var prompt in prompts.Take(16))
        {
            await straight(prompt);
            await overHttp(prompt);
        }
        var arms = new List<Arm>();
        foreach (var count in clients)
        {
            var (directRuns, httpRuns) = (new List<Arm>(), new List<Arm>());
            for (var r = 0; r < repeats; r++)
            {
                directRuns.Add(await RunAsync("direct", straight, prompts, count, cancellationToken));
                httpRuns.Add(await RunAsync("http /v1", overHttp, prompts, count, cancellationToken));
            }
            arms.Add(Median(directRuns));
            arms.Add(Median(httpRuns));
        }
        return arms;
    }

    private static Arm Median(List<Arm> runs) => runs.OrderBy(a => a.TokensPerSecond).ElementAt(runs.Count / 2);

    /// <summary>Every prompt once, <paramref name="clients"/> requests in flight at a time.</summary>
    private async Task<Arm> RunAsync(string name, Func<string, Task<long>> ask, IReadOnlyList<string> prompts, int clients, CancellationToken cancellationToken)
    {
        var version = await Core.Registry.ModelReference.ResolveAsync(stores.Models, model, cancellationToken);
        using var lease = await served.AcquireAsync(version, cancellationToken);
        var (batches, rows) = lease.Model.BatchCounts;
        var times = new double[prompts.Count];
        long tokens = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < prompts.Count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                Interlocked.Add(ref tokens, await ask(prompts[i]));
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var (afterBatches, afterRows) = lease.Model.BatchCounts;
        Array.Sort(times);
        return new Arm(name, clients, prompts.Count, times[times.Length / 2], times[(int)Math.Ceiling(0.95 * times.Length) - 1], tokens / seconds,
            (afterRows - rows) / (double)Math.Max(1, afterBatches - batches));
    }

    /// <summary>Readable problems of one length (so every request can share a batch), drawn from the task's generator.</summary>
    public static IReadOnlyList<string> Prompts(ITaskFamily task, int length, int count, int seed)
    {
        var form = task as IChatForm ?? throw new InvalidOperationException($"the task {task.Name} has no readable form to send");
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => form.WritePrompt(task.Generate(random, length).Prompt)).ToList();
    }
}
