using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Plugins;
using Orchestrator.Core.Tests.TestSupport;
using Orchestrator.Core.Tests.TestSupport.Activities;

namespace Orchestrator.Core.Tests.Plugins;

public sealed class PluginLoaderTests
{
    private static readonly string[] SampleTypes = ["sample/append", "sample/flaky", "sample/square"];

    private static string RepositoryPlugins => Path.Combine(RepositoryRoot.Path, "plugins");

    /// <summary>The sample plugin's build output folder (built by this project's reference to it).</summary>
    private static string SampleBuildFolder()
    {
        var dll = Directory.EnumerateFiles(Path.Combine(RepositoryPlugins, "Orchestrator.Plugins.Sample", "bin"), "Orchestrator.Plugins.Sample.dll", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}ref{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        Assert.True(dll is not null, "the sample plugin has not been built; build this test project");
        return Path.GetDirectoryName(dll)!;
    }

    /// <summary>Copies the sample plugin into <paramref name="pluginsFolder"/> in the deployed layout (NAME/NAME.dll).</summary>
    private static void DeploySample(string pluginsFolder)
    {
        var target = Directory.CreateDirectory(Path.Combine(pluginsFolder, "Orchestrator.Plugins.Sample")).FullName;
        foreach (var file in Directory.EnumerateFiles(SampleBuildFolder()))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
    }

    [Fact]
    public void The_sample_plugin_loads_from_the_repository_plugins_folder()
    {
        var registry = new ActivityRegistry();

        var result = PluginLoader.LoadInto(registry, [RepositoryPlugins]);

        Assert.Empty(result.Errors);
        var plugin = Assert.Single(result.Loaded, p => p.Name == "sample");
        Assert.EndsWith("Orchestrator.Plugins.Sample.dll", plugin.File, StringComparison.Ordinal);
        Assert.Equal(SampleTypes, plugin.ActivityTypes.Order());
        Assert.Equal(SampleTypes, registry.Types.Where(t => t.StartsWith("sample/", StringComparison.Ordinal)).Order());
        Assert.Contains("plugin 'sample' (Orchestrator.Plugins.Sample.dll)", registry.SourceOf("sample/square"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_adds_evaluator_filters_that_evaluators_can_use()
    {
        var filters = AttemptFilterRegistry.BuiltIn();

        var result = PluginLoader.LoadInto(new ActivityRegistry(), [RepositoryPlugins], filters: filters);

        Assert.Empty(result.Errors);
        Assert.True(filters.TryGet("sample/max-length", out var filter));
        var kept = filter.Apply([Evaluation.Attempts.Of("1+1=", "20"), Evaluation.Attempts.Of("1+1=", "200")], Evaluation.Attempts.Parameters("""{ "max": 2 }"""));
        Assert.Equal(["20"], kept.Select(a => a.Attempt));
        var (evaluator, issues) = EvaluatorReader.Read(DocumentReader.Read("evaluators/short.yaml", "id: short\nfilters:\n  - uses: sample/max-length\n    with: { max: -1 }\n"), filters);
        Assert.Null(evaluator);
        Assert.Equal("/filters/0/with/max", Assert.Single(issues).Path);
    }

    [Fact]
    public void A_plugin_filter_whose_name_is_taken_is_refused_with_nothing_added()
    {
        var filters = new AttemptFilterRegistry().Add(new TakenName());
        var activities = new ActivityRegistry();

        var result = PluginLoader.LoadInto(activities, [RepositoryPlugins], filters: filters);

        Assert.Contains(result.Errors, e => e.Message.Contains("the evaluator filter 'sample/max-length' is already registered", StringComparison.Ordinal));
        Assert.DoesNotContain("sample/square", activities.Types);
    }

    /// <summary>A host filter that already holds the name the sample plugin's filter wants.</summary>
    private sealed class TakenName : IAttemptFilter
    {
        public string Name => "sample/max-length";
        public string Description => "the host's own";
        public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters) => [];
        public IReadOnlyList<Core.Loop.Records.AttemptRecord> Apply(IReadOnlyList<Core.Loop.Records.AttemptRecord> attempts, JsonObject parameters) => attempts;
    }

    [Fact]
    public async Task A_plugin_activity_runs_in_the_engine()
    {
        var registry = new ActivityRegistry();
        PluginLoader.LoadInto(registry, [RepositoryPlugins]);
        var definition = TestDefinitions.Valid("""
            id: plugin-run
            steps:
              - { id: sq, uses: sample/square, with: { value: 7 } }
              - { id: flaky, uses: sample/flaky, with: { failTimes: 1 }, retry: { attempts: 2, delay: 1ms } }
            """, registry);
        var store = new InMemoryRunStore();

        var run = await new WorkflowEngine(store, new InProcessStepDispatcher(registry)).StartAsync(definition, null, new JsonObject());

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        var steps = await store.GetStepsAsync(run.Id, CancellationToken.None);
        JsonAssert.Equal("""{ "value": 7, "square": 49 }""", steps[0].Output);
        Assert.Equal(2, steps[1].Attempts);
    }

    [Fact]
    public void A_plugins_inputs_are_checked_by_validation()
    {
        var registry = new ActivityRegistry();
        PluginLoader.LoadInto(registry, [RepositoryPlugins]);

        var issue = TestDefinitions.Issues("""
            id: plugin-check
            steps:
              - { id: sq, uses: sample/sqare, with: { value: 7 } }
            """, registry).At("/steps/0/uses");

        Assert.Equal("did you mean 'sample/square'?", issue.Hint);
    }

    [Fact]
    public void A_broken_plugin_is_reported_with_its_file_and_a_good_one_beside_it_still_loads()
    {
        using var temp = new TempDirectory();
        var plugins = Path.Combine(temp.Path, "plugins-tmp");
        var broken = temp.Write(Path.Combine("plugins-tmp", "Broken", "Broken.dll"), "this is not an assembly, just garbage bytes \u0001\u0002\u0003");
        DeploySample(plugins);
        var registry = new ActivityRegistry();

        var result = PluginLoader.LoadInto(registry, [plugins]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(broken, error.File);
        Assert.Contains("not a .NET assembly", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(broken + ": ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("sample", Assert.Single(result.Loaded).Name);
        Assert.Equal(SampleTypes, registry.Types.Order());
    }

    [Fact]
    public void An_assembly_without_a_plugin_class_is_reported()
    {
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "plugins", "NoPlugin")).FullName;
        var file = Path.Combine(folder, "NoPlugin.dll");
        File.Copy(typeof(FluentValidation.AbstractValidator<>).Assembly.Location, file);

        var result = PluginLoader.LoadInto(new ActivityRegistry(), [Path.Combine(temp.Path, "plugins")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(file, error.File);
        Assert.Contains("no public class implementing IOrchestratorPlugin", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Loaded);
    }

    [Fact]
    public void A_plugin_folder_without_its_assembly_is_skipped_and_a_missing_folder_is_ignored()
    {
        using var temp = new TempDirectory();
        temp.Write(Path.Combine("plugins", "Empty", "readme.txt"), "nothing here");

        var result = PluginLoader.LoadInto(new ActivityRegistry(), [Path.Combine(temp.Path, "plugins"), Path.Combine(temp.Path, "missing")]);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Loaded);
    }

    [Fact]
    public void A_plugin_whose_activity_type_is_taken_is_reported_and_adds_none_of_its_activities()
    {
        var registry = new ActivityRegistry().Add(new NamedActivity("sample/square"), "the test host");

        var result = PluginLoader.LoadInto(registry, [RepositoryPlugins]);

        var error = Assert.Single(result.Errors);
        Assert.Contains("'sample/square' is already registered by the test host", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Loaded, p => p.Name == "sample");
        Assert.Equal(["sample/square"], registry.Types.Where(t => t.StartsWith("sample/", StringComparison.Ordinal)));
    }
}
