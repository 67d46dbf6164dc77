using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Learning;

/// <summary>
/// The shipped distill-addition workflow end to end: a teacher trained here and served by a real <c>serve</c> process
/// (its <c>/v1</c>, with a viewer key from the environment), a student run in another process asking it through a chat
/// connection, and the student's versions naming the teacher's version in their lineage.
/// </summary>
public sealed class DistillationTests
{
    [Fact]
    public async Task A_student_trains_on_a_served_teacher_s_checked_answers_and_its_lineage_names_the_teacher()
    {
        using var store = new TestStore("sqlite");
        var teacher = await CliProcess.RunAsync(store.Folder.Path, store.Args("run", "self-improve-addition", "--json", "--seed", "3",
            "-i", "model=teacher", "-i", "rounds=0", "-i", "baseSteps=600", "-i", "baseMaxLength=3", "-i", "width=32", "-i", "gateItems=64"));
        Assert.True(teacher.ExitCode == 0, teacher.Stderr);
        var key = (await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "create", "--role", "viewer", "--name", "student"))).Stdout.Trim();
        await using var server = await ServeProcess.StartAsync(store);
        using (var client = server.Client(key))
        {
            var models = (await client.GetFromJsonAsync<JsonObject>("/v1/models"))!["data"]!.AsArray().Select(m => (string)m!["id"]!).ToList();
            Assert.Equal(["teacher@1", "teacher@champion"], models);
        }
        var connections = store.Folder.Write("connections.json", new JsonObject
        {
            ["chat"] = new JsonObject { ["teacher"] = new JsonObject { ["kind"] = "openai", ["endpoint"] = new Uri(server.Url, "/v1").ToString(), ["model"] = "teacher@champion", ["keyVariable"] = "TEACHER_KEY" } },
        }.ToJsonString());
        var environment = new Dictionary<string, string> { ["ORCHESTRATOR_CONNECTIONS"] = connections, ["TEACHER_KEY"] = key };

        var run = await CliProcess.RunAsync(store.Folder.Path, environment, store.Args("run", "distill-addition", "--json", "--seed", "4",
            "-i", "rounds=1", "-i", "problems=48", "-i", "baseSteps=100", "-i", "trainSteps=60", "-i", "gateItems=64", "-i", "width=16"));

        Assert.True(run.ExitCode == 0, run.Stderr);
        var output = JsonNode.Parse(run.Stdout)!["output"]!;
        Assert.Equal("teacher@1", (string)output["rounds"]![0]!["teacher"]!);
        var shown = await CliProcess.RunAsync(store.Folder.Path, store.Args("models", "show", "student@2", "--json"));
        var lineage = JsonNode.Parse(shown.Stdout)!["lineage"]!;
        Assert.Equal("chat:teacher teacher@1", (string)lineage["teacher"]!);
        Assert.Equal(1, (int)lineage["parentVersion"]!);
    }

    [Fact]
    public async Task Distillation_without_the_connection_fails_at_the_teacher_step_saying_how_to_configure_it()
    {
        using var store = new TestStore("sqlite");

        var run = await CliProcess.RunAsync(store.Folder.Path, store.Args("run", "distill-addition", "--json",
            "-i", "rounds=1", "-i", "problems=8", "-i", "baseSteps=20", "-i", "trainSteps=10", "-i", "gateItems=16", "-i", "width=16"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no chat connection 'teacher'", run.Stderr + run.Stdout);
        Assert.Contains("connections.json", run.Stderr + run.Stdout);
    }
}
