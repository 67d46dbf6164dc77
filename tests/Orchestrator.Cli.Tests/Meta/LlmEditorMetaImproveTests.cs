using System.Text.Json.Nodes;
using Orchestrator.AI.Tests.Support;
using Orchestrator.Cli.Tests.Support;
using static Orchestrator.AI.Tests.Support.ScriptedChatServer;

namespace Orchestrator.Cli.Tests.Meta;

/// <summary>
/// The shipped meta-improve workflow with <c>editor: llm</c>, asking a scripted OpenAI-compatible endpoint over a real
/// port: every answer — good, out of bounds, touching the gate, prose, silence, a server error — is journalled with the
/// model that answered and what it cost, the good one is trialled and adopted, and the outer loop runs to the end.
/// </summary>
public sealed class LlmEditorMetaImproveTests
{
    // The toy target of MetaImproveTests, with a gate that never runs (so trials stay instant) but is protected like any.
    private const string Target = """
        id: toy-gated
        inputs:
          model: { type: string, default: toy }
          rounds: { type: int, default: 3 }
          baseReuse: { type: string, default: "" }
        state: { frontier: 8, trainingSteps: 1000, span: 0, stepsPerRound: 0 }
        tunables:
          /steps/0/with/span: { min: 1, max: 4 }
          /steps/0/with/stepsPerRound: { min: 50, max: 2000 }
        steps:
          - { id: procedure, uses: set, with: { span: 1, stepsPerRound: 400 } }
          - id: rounds
            loop: { times: "${inputs.rounds}" }
            do:
              - { id: advance, uses: set, with: { frontier: "${state.frontier + state.span}", trainingSteps: "${state.trainingSteps + state.stepsPerRound}" } }
          - { id: gate, uses: gate/heldout, if: "${false}", with: { candidate: "toy@1", champion: "toy@champion", task: arithmetic/addition, targets: [9], alpha: 0.01 } }
        output: "${ { champion: inputs.model + '@1', frontier: state.frontier, baseFrontier: 8, trainingSteps: state.trainingSteps, baseTrainingSteps: 1000 } }"
        """;

    private static string Patch(string path, JsonNode value, string rationale) =>
        new JsonObject { ["patch"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = value }), ["rationale"] = rationale }.ToJsonString();

    [Fact]
    public async Task Meta_improve_with_the_llm_editor_journals_every_answer_and_completes_against_a_scripted_OpenAI_compatible_server()
    {
        await using var server = await StartAsync(
            new Answer(Patch("/steps/0/with/span", 2, "two lengths a round"), Model: "scripted-gpt-1-0314", PromptTokens: 900, CompletionTokens: 30),
            new Answer(Patch("/steps/0/with/span", 9, "many lengths a round")),
            new Answer(Patch("/steps/2/with/alpha", 0.5, "a gentler gate")),
            new Answer("I would train for fewer steps per round, since the frontier moves early."),
            new Silence(),
            new Error(500, "The server had an error while processing your request."));
        using var store = new TestStore("sqlite");
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", store.Folder.Write("toy-gated.yaml", Target)))).ExitCode);
        var connections = store.Folder.Write("connections.json", new JsonObject
        {
            ["chat"] = new JsonObject
            {
                ["editor"] = new JsonObject { ["kind"] = "openai", ["endpoint"] = server.Endpoint.ToString(), ["model"] = "gpt-4o-mini", ["keyVariable"] = "SCRIPTED_KEY", ["timeoutSeconds"] = 5 },
            },
        }.ToJsonString());
        var environment = new Dictionary<string, string> { ["ORCHESTRATOR_CONNECTIONS"] = connections, ["SCRIPTED_KEY"] = "sk-scripted" };

        var run = await CliProcess.RunAsync(store.Folder.Path, environment, store.Args("run", Path.Combine(Repository.Workflows, "meta-improve.yaml"), "--json", "--seed", "5",
            "-i", "target=toy-gated", "-i", "editor=llm", "-i", "generations=2", "-i", "proposals=3", "-i", """trial={ "rounds": 3 }"""));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var result = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("succeeded", result["status"]!.GetValue<string>());
        var generations = result["output"]!["generations"]!.AsArray();
        Assert.Equal(2, generations.Count);
        // The good patch was trialled (the screen chose it), confirmed by the meta-gate and adopted; the second generation edits it.
        var first = generations[0]!;
        Assert.Equal(("/steps/0/with/span=2", true, 1, 2), (first["best"]!.GetValue<string>(), first["adopted"]!.GetValue<bool>(), first["drafts"]!.GetValue<int>(), first["refused"]!.GetValue<int>()));
        var adopted = first["version"]!.GetValue<int>();
        Assert.Equal((adopted, 0, 3, false), (generations[1]!["parent"]!.GetValue<int>(), generations[1]!["drafts"]!.GetValue<int>(), generations[1]!["refused"]!.GetValue<int>(), generations[1]!["adopted"]!.GetValue<bool>()));

        // One request per slot, no retries, each with the key from the variable the connection names.
        Assert.Equal(6, server.Requests.Count);
        Assert.All(server.Authorizations, a => Assert.Equal("Bearer sk-scripted", a));

        var versions = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("versions", "toy-gated", "--json"))).Stdout)!;
        Assert.Equal(adopted, versions["current"]!.GetValue<int>());
        var edits = versions["edits"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(6, edits.Count);
        Assert.All(edits, e => Assert.StartsWith("editor:llm@", e["editor"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3, 1, 2, 3], edits.Select(e => e["details"]!["slot"]!.GetValue<int>()));
        Assert.Equal(["scripted-gpt-1-0314", DefaultModel, DefaultModel, DefaultModel, "gpt-4o-mini", "gpt-4o-mini"], edits.Select(e => e["details"]!["model"]!.GetValue<string>()));
        Assert.Equal([(900L, 30L), (812, 41), (812, 41), (812, 41)], edits.Take(4).Select(e => (e["details"]!["usage"]!["prompt"]!.GetValue<long>(), e["details"]!["usage"]!["completion"]!.GetValue<long>())));
        Assert.All(edits.Skip(4), e => Assert.Null(e["details"]!["usage"]));

        Assert.Equal((true, adopted), (edits[0]["accepted"]!.GetValue<bool>(), edits[0]["draft"]!.GetValue<int>()));
        Assert.Equal("two lengths a round", edits[0]["rationale"]!.GetValue<string>());
        Assert.All(edits.Skip(1), e => Assert.False(e["accepted"]!.GetValue<bool>()));
        Assert.Contains("'/steps/0/with/span': 9 is above the maximum 4", Reasons(edits[1]));
        Assert.Contains("'/steps/2/with/alpha' is protected: the step 'gate' (gate/heldout) judges the procedure", Reasons(edits[2]));
        Assert.All(edits.Take(3), e => Assert.Null(e["details"]!["failure"]));
        Assert.StartsWith("the answer is not JSON (it begins \"I would train for fewer steps", Failure(edits[3]));
        Assert.Equal("I would train for fewer steps per round, since the frontier moves early.", edits[3]["details"]!["answer"]!.GetValue<string>());
        Assert.StartsWith("timed out after 5 s waiting for editor (openai gpt-4o-mini at ", Failure(edits[4]));
        Assert.Contains("HTTP 500", Failure(edits[5]));
        Assert.Contains("The server had an error while processing your request.", Failure(edits[5]));
        Assert.All(edits.Skip(3), e => Assert.Equal(Failure(e), Reasons(e)[2..]));

        // The second generation is shown the first one's outcomes: the screened gain and the meta-gate's evidence, and the refusals.
        var prompt = server.Requests[3]["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        Assert.Contains($"/steps/0/with/span=2 (\"two lengths a round\"): accepted as draft {adopted}; screened gain +2.5; adopted as current (meta-gate mean gain +2.5, p = 0.03125)", prompt);
        Assert.Contains("/steps/0/with/span=9 (\"many lengths a round\"): refused: '/steps/0/with/span': 9 is above the maximum 4", prompt);
        Assert.Contains($"- /steps/0/with/span: now 2; a number from 1 to 4", prompt);
        Assert.Contains("- /steps/2: the step 'gate' (gate/heldout) judges the procedure", prompt);
        Assert.DoesNotContain("toy@champion", prompt);

        // The editor's learning is versioned like a model's, each generation's state the child of the one before.
        var models = await CliProcess.RunAsync(store.Folder.Path, store.Args("models", "lineage", "editor-llm@2"));
        Assert.True(models.ExitCode == 0, models.Stdout + models.Stderr);
        Assert.Contains("editor-llm@1", models.Stdout);
    }

    [Fact]
    public async Task Meta_improve_with_the_llm_editor_and_no_connection_fails_saying_which_file_to_write()
    {
        using var store = new TestStore("sqlite");
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", store.Folder.Write("toy-gated.yaml", Target)))).ExitCode);

        var run = await CliProcess.RunAsync(store.Folder.Path, store.Args("run", Path.Combine(Repository.Workflows, "meta-improve.yaml"),
            "-i", "target=toy-gated", "-i", "editor=llm", "-i", "generations=1", "-i", """trial={ "rounds": 1 }"""));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the llm editor asks the chat connection 'editor', and none are configured: write ./connections.json", run.Stdout + run.Stderr);
    }

    private static string Reasons(JsonObject edit) => string.Join("\n", edit["rejections"]!.AsArray().Select(r => r!.GetValue<string>()));

    private static string Failure(JsonObject edit) => edit["details"]!["failure"]!.GetValue<string>();
}
