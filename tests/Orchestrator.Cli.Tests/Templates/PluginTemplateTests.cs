using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Plugins;
using Orchestrator.Core.Tasks;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Templates;

/// <summary>The orchestrator-plugin template, end to end: what it creates builds, passes its tests and loads.</summary>
public sealed class PluginTemplateTests(CreatedPlugin plugin, ITestOutputHelper output) : IClassFixture<CreatedPlugin>
{
    [Fact]
    public void The_packed_template_builds_against_the_checkout_it_was_packed_from()
    {
        var props = File.ReadAllText(Path.Combine(plugin.Folder, "Directory.Build.props"));

        Assert.Contains($">{Repository.Root.TrimEnd('/')}</OrchestratorRoot>", props);
    }

    [Fact]
    public void Every_file_is_named_after_the_new_plugin()
    {
        var leftovers = Directory.EnumerateFiles(plugin.Folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => f.Contains("Acme", StringComparison.OrdinalIgnoreCase) || File.ReadAllText(f).Contains("acme", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(leftovers);
        Assert.True(File.Exists(Path.Combine(plugin.PluginsFolder, CreatedPlugin.Name, "ContosoSortingPlugin.cs")));
    }

    [Fact]
    public void The_created_projects_build_and_their_tests_pass()
    {
        output.WriteLine(plugin.Timings);

        Assert.True(plugin.Test.ExitCode == 0, plugin.Test.Stdout + plugin.Test.Stderr);
        Assert.Matches(new Regex(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]\d*"), plugin.Test.Stdout);
    }

    [Fact]
    public void Core_and_its_packages_are_not_copied_next_to_the_plugin()
    {
        var files = Directory.GetFiles(plugin.PluginOutput).Select(Path.GetFileName).ToList();

        Assert.Contains($"{CreatedPlugin.Name}.dll", files);
        Assert.DoesNotContain("Orchestrator.Core.dll", files);
        Assert.DoesNotContain("FluentValidation.dll", files);
    }

    [Fact]
    public async Task The_orchestrator_command_lists_the_plugins_activity()
    {
        var result = await CliProcess.RunAsync(Path.GetDirectoryName(plugin.Folder)!, "activities", "--json", "--plugins", plugin.PluginsFolder);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.DoesNotContain("plugin not loaded", result.Stderr);
        var activity = JsonNode.Parse(result.Stdout)!.AsArray().Single(a => a!["type"]!.GetValue<string>() == $"{CreatedPlugin.Id}/draw-items")!;
        Assert.Equal($"plugin '{CreatedPlugin.Id}' ({CreatedPlugin.Name}.dll)", activity["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_plugin_loader_finds_the_task_and_the_activity_and_both_work_in_the_host()
    {
        var activities = new ActivityRegistry();
        var tasks = new TaskRegistry();

        var loaded = PluginLoader.LoadInto(activities, [plugin.PluginsFolder], tasks);

        Assert.Empty(loaded.Errors);
        Assert.True(tasks.TryGet($"{CreatedPlugin.Id}/sort-digits", out var task));
        var item = task.Generate(new Random(5), 6);
        Assert.True(task.Check(item, item.Answer).Correct);
        Assert.False(task.Check(item, item.Prompt).Correct);
        Assert.True(activities.TryGet($"{CreatedPlugin.Id}/draw-items", out var activity));
        var outcome = await new ActivityHarness(activity).RunAsync(new JsonObject { ["length"] = 3, ["count"] = 2 });
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Equal(2, outcome.Output!["items"]!.AsArray().Count);
    }
}
