using System.Text.Json.Nodes;
using Orchestrator.AI.Connections;
using Orchestrator.AI.Editing;
using Orchestrator.AI.Tests.Support;
using Orchestrator.Core.SelfEditing.Editors;
using static Orchestrator.AI.Tests.Support.ScriptedChatServer;

namespace Orchestrator.AI.Tests.Editing;

/// <summary>The llm editor over real HTTP, against a scripted OpenAI-compatible endpoint.</summary>
public sealed class LlmEditorTests
{
    private const string Good = """{"patch": [{"op": "replace", "path": "/steps/4/do/0/with/span", "value": 2}], "rationale": "two lengths a round"}""";

    private static ChatConnection Connection(ScriptedChatServer server, bool structured = true, double seconds = 30) => new()
    {
        Name = "editor", Kind = ChatConnectionKind.OpenAI, Endpoint = server.Endpoint, Model = "gpt-4o-mini", StructuredOutput = structured, Timeout = TimeSpan.FromSeconds(seconds),
    };

    private static LlmEditor Editor(ChatConnection connection) => new(connection, EditorChatServices.Create(connection));

    private static EditRequest Request(int count) => new(EditSpace.Of(ShippedWorkflows.Load("self-improve-addition.yaml")), count, new Random(1));

    private static string UserMessage(JsonObject request) => request["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();

    [Fact]
    public async Task Each_slot_is_one_request_and_keeps_the_model_that_answered_and_its_tokens()
    {
        await using var server = await StartAsync(new Answer(Good, Model: "gpt-4o-mini-2024-07-18", PromptTokens: 900, CompletionTokens: 30),
            new Answer("I would widen the span.", PromptTokens: 950, CompletionTokens: 7));

        var proposals = await Editor(Connection(server)).ProposeAsync(Request(2), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("gpt-4o-mini", server.Requests[0]["model"]!.GetValue<string>());
        var good = proposals[0];
        Assert.Equal(("/steps/4/do/0/with/span=2", "two lengths a round", (string?)null), (good.Arm, good.Rationale, good.Failure));
        Assert.Equal(("gpt-4o-mini-2024-07-18", new TokenUsage(900, 30)), (good.AnsweredBy, good.Usage));
        var prose = proposals[1];
        Assert.StartsWith("the answer is not JSON (it begins \"I would widen the span.\")", prose.Failure);
        Assert.Equal((DefaultModel, new TokenUsage(950, 7), "I would widen the span."), (prose.AnsweredBy, prose.Usage, prose.Answer));
        Assert.Empty(prose.Patch);
        // The second slot is told what the first proposed, so it proposes something else.
        Assert.DoesNotContain("Already proposed", UserMessage(server.Requests[0]));
        Assert.Contains("Already proposed in this generation (propose something different):\n- /steps/4/do/0/with/span=2", UserMessage(server.Requests[1]).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_json_object_is_asked_for_only_where_the_connection_says_the_endpoint_supports_it(bool structured)
    {
        await using var server = await StartAsync(new Answer(Good));

        await Editor(Connection(server, structured)).ProposeAsync(Request(1), CancellationToken.None);

        var format = server.Requests.Single()["response_format"];
        Assert.Equal(structured ? "json_object" : null, format?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_silent_endpoint_and_a_server_error_spend_their_slots_once_each_without_failing()
    {
        await using var server = await StartAsync(new Silence(), new Error(500, "The server had an error while processing your request."), new Answer(Good));

        var proposals = await Editor(Connection(server, seconds: 1)).ProposeAsync(Request(3), CancellationToken.None);

        Assert.StartsWith("timed out after 1 s waiting for editor (openai gpt-4o-mini at ", proposals[0].Failure);
        Assert.Contains("endpoint error from editor", proposals[1].Failure);
        Assert.Contains("HTTP 500", proposals[1].Failure);
        Assert.Contains("The server had an error while processing your request.", proposals[1].Failure);
        Assert.All(proposals.Take(2), p => Assert.Equal(("gpt-4o-mini", (TokenUsage?)null), (p.AnsweredBy, p.Usage)));
        Assert.Null(proposals[2].Failure);
        // No retries: each slot asked exactly once, so the third request got the third reply.
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Stopping_the_run_stops_the_request_instead_of_spending_the_slot()
    {
        await using var server = await StartAsync(new Silence());
        using var stop = new CancellationTokenSource();

        var asking = Editor(Connection(server)).ProposeAsync(Request(1), stop.Token);
        while (server.Requests.Count == 0) await Task.Delay(10);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking);
    }

    [Fact]
    public async Task Learned_gains_carry_over_in_the_state_and_reach_the_next_prompt()
    {
        await using var server = await StartAsync(new Answer(Good));
        var learner = new LlmEditor();
        learner.Learn("/steps/4/do/0/with/span=2", 0.75);
        learner.Learn("/steps/4/do/0/with/span=2", double.NaN);
        var editor = Editor(Connection(server));
        editor.LoadState(JsonNode.Parse(learner.SaveState().ToJsonString())!.AsObject());
        var journal = new Core.SelfEditing.EditRecord
        {
            Sequence = 1, DefinitionId = "self-improve-addition", ParentVersion = 1, Editor = "editor:llm@1", Accepted = true, DraftVersion = 2, Rejections = [], At = DateTimeOffset.UnixEpoch,
            Patch = [new JsonObject { ["op"] = "replace", ["path"] = "/steps/4/do/0/with/span", ["value"] = 2 }],
        };

        await editor.ProposeAsync(Request(1) with { Journal = [journal] }, CancellationToken.None);

        Assert.Equal([0.75], editor.Gains.Of("/steps/4/do/0/with/span=2"));
        Assert.Contains("accepted as draft 2; screened gain +0.75; not adopted", UserMessage(server.Requests.Single()));
        Assert.Throws<FormatException>(() => new LlmEditor().LoadState(new JsonObject { ["editor"] = "bandit", ["arms"] = new JsonObject() }));
    }

    [Fact]
    public void Without_a_configured_connection_the_editor_says_which_file_and_field_to_write()
    {
        var none = Assert.Throws<EditorUnavailableException>(() => LlmEditors.Create(new EditorSetup("editor"), () => ChatConnections.None));
        var elsewhere = Assert.Throws<EditorUnavailableException>(() => LlmEditors.Create(new EditorSetup("editor"), () =>
            new ChatConnections([new ChatConnection { Name = "teacher", Kind = ChatConnectionKind.OpenAI, Endpoint = new Uri("http://127.0.0.1:5080/v1"), Model = "addition@champion" }], "/etc/orchestrator/connections.json")));
        var keyless = Assert.Throws<EditorUnavailableException>(() => LlmEditors.Create(new EditorSetup("editor"), () =>
            new ChatConnections([new ChatConnection { Name = "editor", Kind = ChatConnectionKind.OpenAI, Endpoint = new Uri("https://api.openai.com/v1"), Model = "gpt-4o-mini", KeyVariable = "ORCHESTRATOR_TEST_UNSET_KEY" }], "c.json")));

        Assert.Contains("write ./connections.json (or set $ORCHESTRATOR_CONNECTIONS to a file) with {\"chat\": {\"editor\": {\"kind\": \"openai\"", none.Message);
        Assert.Contains("/etc/orchestrator/connections.json has no /chat/editor (it has teacher): add it there, or name another", elsewhere.Message);
        Assert.Contains("export ORCHESTRATOR_TEST_UNSET_KEY=KEY", keyless.Message);
        // Learning needs no endpoint: meta/learn makes the editor without one.
        Assert.IsType<LlmEditor>(LlmEditors.Create(EditorSetup.StateOnly, () => throw new InvalidOperationException("not read")));
    }
}
