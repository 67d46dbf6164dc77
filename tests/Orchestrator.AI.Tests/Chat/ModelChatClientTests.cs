using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.ChatCompletion;
using Orchestrator.AI.Chat;
using Orchestrator.AI.Tests.TestSupport;
using Orchestrator.Core.Aliases;
using Orchestrator.Learning.Loop;
using Orchestrator.Plugins.Arithmetic.Addition;

namespace Orchestrator.AI.Tests.Chat;

/// <summary><see cref="ModelChatClient"/> on a real tiny model trained in the test, from a real SQLite store.</summary>
public sealed class ModelChatClientTests : IAsyncLifetime
{
    private readonly ChatStore _store = new();
    // adder@1: untrained enough to be often wrong, which is all most tests need.
    public Task InitializeAsync() => _store.TrainAsync("adder", steps: 100);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static readonly string[] Sums = ["12+34", "5+7", "99+1", "40+2", "3+3", "61+25"];

    [Fact]
    public async Task A_greedy_answer_is_the_one_learning_propose_gives_greedily_for_the_same_prompt()
    {
        var client = new ModelChatClient(_store.Served, "adder@1");
        var task = new AdditionTask();
        using var loaded = await ModelVersions.LoadAsync(_store.Learning, "adder@1", default);
        var prompts = Sums.Select(s => task.ReadPrompt(s, out _)!).ToList();
        var proposed = ModelAnswers.Generate(loaded, prompts, 0, null, 512);

        foreach (var (sum, i) in Sums.Select((s, i) => (s, i)))
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, sum)], new ChatOptions { Temperature = 0 });
            Assert.Equal(task.WriteAnswer(prompts[i], proposed[i]), response.Text);
        }
    }

    [Fact]
    public async Task The_model_reads_sums_the_usual_way_round_and_answers_them_so()
    {
        // One-digit sums, which a tiny model learns in seconds: the reversed form stays inside.
        var model = await _store.TrainAsync("good", steps: 600, maxLength: 1, runId: "run-2");
        var client = new ModelChatClient(_store.Served, model);

        var right = 0;
        foreach (var (a, b) in new[] { (3, 4), (5, 7), (9, 9), (0, 8), (6, 6), (2, 9), (8, 1), (4, 5) })
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, $"{a}+{b}=")]);
            if (response.Text == (a + b).ToString()) right++;
        }

        Assert.True(right >= 7, $"{right} of 8 one-digit sums right after 600 steps");
    }

    [Fact]
    public async Task Streamed_chunks_concatenate_to_the_answer_and_the_last_carries_usage_and_finish()
    {
        var client = new ModelChatClient(_store.Served, "adder@1");
        var options = new ChatOptions { Temperature = 0.8f, Seed = 42 };

        var whole = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "12+34")], options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "12+34")], options)) updates.Add(update);

        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(whole.FinishReason, updates[^1].FinishReason);
        var usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
        Assert.Equal(whole.Usage!.OutputTokenCount, usage.OutputTokenCount);
        Assert.All(updates, u => Assert.Equal("adder@1", u.ModelId));
    }

    [Fact]
    public async Task A_task_read_in_the_model_s_order_streams_token_by_token()
    {
        var model = await _store.TrainAsync("reverser", steps: 200, task: "text/reverse-digits", maxLength: 4, runId: "run-3");
        var client = new ModelChatClient(_store.Served, model);

        var whole = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "1234")]);
        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "1234")]))
            if (update.Text.Length > 0) pieces.Add(update.Text);

        Assert.Equal(whole.Text, string.Concat(pieces));
        Assert.True(whole.Text.Length < 2 || pieces.Count == whole.Text.Length, $"'{whole.Text}' came in {pieces.Count} pieces");
    }

    [Fact]
    public async Task Usage_counts_the_prompt_and_answer_tokens_and_the_response_names_the_exact_version()
    {
        await _store.Stores.Models.MoveAliasAsync(new AliasMoveRequest("adder", "champion", 1, "test", "first"), default);
        var client = new ModelChatClient(_store.Served, "adder@champion");

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "You add."), new ChatMessage(ChatRole.User, "12+34")]);

        Assert.Equal("adder@1", response.ModelId);
        Assert.Equal(7, response.Usage!.InputTokenCount); // the start token and "21+43="
        Assert.InRange(response.Usage.OutputTokenCount!.Value, 1, 9);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        var version = await _store.Stores.Models.GetAsync("adder", 1, default);
        Assert.Equal(version!.CheckpointHash, response.AdditionalProperties![ModelChatClient.CheckpointProperty]);
    }

    [Fact]
    public async Task An_alias_is_resolved_per_request_so_a_promotion_is_answered_at_once()
    {
        await _store.TrainAsync("adder", steps: 40, runId: "run-4");
        await _store.Stores.Models.MoveAliasAsync(new AliasMoveRequest("adder", "champion", 1, "test", "first"), default);
        var client = new ModelChatClient(_store.Served, "adder@champion");
        Assert.Equal("adder@1", (await client.GetResponseAsync([new ChatMessage(ChatRole.User, "1+2")])).ModelId);

        await _store.Stores.Models.MoveAliasAsync(new AliasMoveRequest("adder", "champion", 2, "test", "promoted"), default);

        Assert.Equal("adder@2", (await client.GetResponseAsync([new ChatMessage(ChatRole.User, "1+2")])).ModelId);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_sample_and_max_tokens_cuts_the_answer_with_finish_reason_length()
    {
        var client = new ModelChatClient(_store.Served, "adder@1");
        var sampled = new ChatOptions { Temperature = 1.5f, TopP = 0.9f, Seed = 7 };

        var first = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "12+34")], sampled);
        var again = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "12+34")], sampled.Clone());
        var cut = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "12+34")], new ChatOptions { MaxOutputTokens = 1 });

        Assert.Equal(first.Text, again.Text);
        Assert.Equal(ChatFinishReason.Length, cut.FinishReason);
        Assert.Equal(1, cut.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Text_the_task_cannot_read_is_refused_with_the_form_it_expects()
    {
        var client = new ModelChatClient(_store.Served, "adder@1");

        var refused = await Assert.ThrowsAsync<InvalidChatRequestException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "what is twelve plus thirty-four?")]));

        Assert.Contains("12+34", refused.Message);
        Assert.Contains("adder@1", refused.Message);
    }

    [Fact]
    public async Task An_unknown_model_is_a_key_not_found_naming_the_models_there_are()
    {
        var client = new ModelChatClient(_store.Served, "nope@1");

        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "1+2")]));

        Assert.Contains("nope", missing.Message);
    }

    [Fact]
    public async Task It_answers_for_its_metadata_and_serves_Semantic_Kernel_as_a_chat_completion_service()
    {
        var client = new ModelChatClient(_store.Served, "adder@1");
        var metadata = client.GetService<ChatClientMetadata>();
        var service = client.AsChatCompletionService();

        var answer = await service.GetChatMessageContentAsync(new ChatHistory([new Microsoft.SemanticKernel.ChatMessageContent(Microsoft.SemanticKernel.ChatCompletion.AuthorRole.User, "12+34")]));

        Assert.Equal("orchestrator", metadata!.ProviderName);
        Assert.Equal("adder@1", metadata.DefaultModelId);
        Assert.Equal((await client.GetResponseAsync([new ChatMessage(ChatRole.User, "12+34")])).Text, answer.Content);
    }

    [Fact]
    public async Task Requests_that_arrive_together_share_forward_passes_and_get_the_answers_they_would_alone()
    {
        var client = new ModelChatClient(_store.Served, "adder@1");
        var alone = new List<string>();
        foreach (var seed in Enumerable.Range(0, 8))
            alone.Add((await client.GetResponseAsync([new ChatMessage(ChatRole.User, "12+34")], new ChatOptions { Temperature = 1, Seed = seed })).Text);
        var version = await _store.Stores.Models.GetAsync("adder", 1, default);
        using var lease = await _store.Served.AcquireAsync(version!, default);
        var before = lease.Model.BatchCounts;

        var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(seed =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, "12+34")], new ChatOptions { Temperature = 1, Seed = seed })));

        var after = lease.Model.BatchCounts;
        Assert.Equal(alone, together.Select(r => r.Text));
        Assert.Equal(8, after.Rows - before.Rows);
        Assert.True(after.Batches - before.Batches < 8, $"8 requests took {after.Batches - before.Batches} batches");
    }

    [Fact]
    public async Task Each_checkpoint_is_loaded_once_and_the_least_recently_used_is_unloaded_beyond_capacity()
    {
        // Different steps, so different weights: equal checkpoints would share one hash, and one load.
        await _store.TrainAsync("adder", steps: 20, runId: "run-5");
        await _store.TrainAsync("adder", steps: 30, runId: "run-6");
        async Task Ask(string model) => await new ModelChatClient(_store.Served, model).GetResponseAsync([new ChatMessage(ChatRole.User, "1+1")]);

        await Ask("adder@1");
        await Ask("adder@1");
        await Ask("adder");
        Assert.Equal(2, _store.Served.Loads);
        await Ask("adder@3"); // the latest: the checkpoint "adder" loaded
        Assert.Equal(2, _store.Served.Loads);
        await Ask("adder@2"); // a third checkpoint: adder@1, least recently used, is unloaded
        Assert.Equal(3, _store.Served.Loads);

        await Ask("adder@1");
        Assert.Equal(4, _store.Served.Loads);
    }
}
