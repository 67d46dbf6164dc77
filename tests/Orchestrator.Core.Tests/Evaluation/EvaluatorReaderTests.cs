using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Tests.TestSupport;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Tests.Evaluation;

public sealed class EvaluatorReaderTests
{
    private const string File = "evaluators/test.yaml";

    private static (EvaluatorDefinition? Evaluator, IReadOnlyList<ValidationIssue> Issues) Read(string yaml) =>
        EvaluatorReader.Read(DocumentReader.Read(File, yaml), AttemptFilterRegistry.BuiltIn());

    private static IReadOnlyList<ValidationIssue> Issues(string yaml)
    {
        var (evaluator, issues) = Read(yaml);
        Assert.Null(evaluator);
        Assert.NotEmpty(issues);
        return issues;
    }

    [Fact]
    public void A_valid_evaluator_is_read_with_its_filters_in_order()
    {
        var (evaluator, issues) = Read("""
            id: strict
            version: 2
            description: Majority, then one per prompt.
            filters:
              - uses: majority
                with: { minShare: 0.6 }
              - uses: one-per-prompt
            """);

        Assert.Empty(issues);
        Assert.NotNull(evaluator);
        Assert.Equal(("strict", 2, "strict@2", File), (evaluator.Id, evaluator.Version, evaluator.Reference, evaluator.File));
        Assert.Equal("Majority, then one per prompt.", evaluator.Description);
        Assert.Equal(["majority", "one-per-prompt"], evaluator.Filters.Select(f => f.Uses));
        JsonAssert.Equal("""{ "minShare": 0.6 }""", evaluator.Filters[0].With);
        JsonAssert.Equal("{}", evaluator.Filters[1].With);
        Assert.Matches("^sha256:[0-9a-f]{64}$", evaluator.Hash);
    }

    [Fact]
    public void Version_defaults_to_one_and_an_empty_filter_list_keeps_everything()
    {
        var (evaluator, issues) = Read("id: keep-all\nfilters: []\n");

        Assert.Empty(issues);
        Assert.Equal(1, evaluator?.Version);
        Assert.Empty(evaluator!.Filters);
        Assert.Equal("", evaluator.Description);
    }

    [Fact]
    public void An_unknown_filter_is_named_and_the_known_filters_are_listed()
    {
        var issue = Issues("""
            id: mine
            filters:
              - uses: checked-correct
              - uses: llm-judge
            """).At("/filters/1/uses");

        Assert.Equal("unknown filter 'llm-judge'", issue.Message);
        Assert.Equal("known filters: checked-correct, confidence, drop-all, ensemble, format, invariance, majority, one-per-prompt", issue.Hint);
        Assert.Equal(File, issue.File);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void A_misspelt_filter_gets_a_did_you_mean_hint()
    {
        var issue = Issues("id: mine\nfilters:\n  - uses: majorty\n").At("/filters/0/uses");

        Assert.Equal("did you mean 'majority'?", issue.Hint);
    }

    [Theory]
    [InlineData("minShare: 1.5", "/filters/0/with/minShare", "majority: 'minShare' must be between 0 and 1, not 1.5")]
    [InlineData("minShare: -0.5", "/filters/0/with/minShare", "majority: 'minShare' must be between 0 and 1, not -0.5")]
    [InlineData("minVotes: 2.5", "/filters/0/with/minVotes", "majority: 'minVotes' must be a whole number, not number")]
    [InlineData("minVotes: many", "/filters/0/with/minVotes", "majority: 'minVotes' must be a whole number, not string")]
    [InlineData("minshare: 0.6", "/filters/0/with/minshare", "majority: 'minshare' unknown parameter; this filter takes: minShare, minVotes")]
    public void Bad_filter_parameters_are_reported_at_the_parameter_with_its_line(string parameter, string path, string message)
    {
        var issue = Issues($"""
            id: mine
            filters:
              - uses: majority
                with:
                  {parameter}
            """).At(path);

        Assert.Equal(message, issue.Message);
        Assert.Equal(5, issue.Location?.Line);
    }

    [Fact]
    public void A_parameter_given_to_a_filter_that_takes_none_is_reported()
    {
        var issue = Issues("id: mine\nfilters:\n  - { uses: checked-correct, with: { strict: true } }\n").At("/filters/0/with/strict");

        Assert.Equal("checked-correct: 'strict' this filter takes no parameters", issue.Message);
    }

    [Fact]
    public void With_that_is_not_a_mapping_is_reported()
    {
        var issue = Issues("id: mine\nfilters:\n  - { uses: majority, with: [0.6] }\n").At("/filters/0/with");

        Assert.Equal("'with' must be a mapping of parameters", issue.Message);
    }

    [Fact]
    public void A_missing_filter_list_is_reported_at_the_root()
    {
        var issue = Issues("id: mine\ndescription: forgot the filters\n").At("");

        Assert.StartsWith("an evaluator needs 'filters', a list", issue.Message, StringComparison.Ordinal);
        Assert.Equal(File, issue.File);
    }

    [Fact]
    public void A_filter_list_that_is_not_a_list_is_reported_at_filters()
    {
        var issue = Issues("id: mine\nfilters: checked-correct\n").At("/filters");

        Assert.StartsWith("an evaluator needs 'filters', a list", issue.Message, StringComparison.Ordinal);
        Assert.Equal(2, issue.Location?.Line);
    }

    [Fact]
    public void A_filter_written_as_a_bare_name_is_reported()
    {
        var issue = Issues("id: mine\nfilters:\n  - majority\n").At("/filters/0");

        Assert.StartsWith("each filter is an object with 'uses'", issue.Message, StringComparison.Ordinal);
        Assert.Equal(3, issue.Location?.Line);
    }

    [Fact]
    public void An_unknown_field_in_a_filter_is_reported()
    {
        var issue = Issues("id: mine\nfilters:\n  - uses: majority\n    params: { minShare: 0.6 }\n").At("/filters/0/params");

        Assert.Equal("unknown field 'params' in a filter", issue.Message);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void Tunables_and_protected_paths_are_read_and_a_tunable_pointing_at_nothing_is_reported()
    {
        var (evaluator, issues) = Read("""
            id: mine
            filters:
              - uses: confidence
                with: { min: 0.9 }
            tunables:
              /filters/0/with/min: { min: 0.5, max: 0.99 }
            protected: [ /filters/0/uses ]
            """);
        Assert.Empty(issues);
        Assert.Equal(("/filters/0/with/min", 0.5, 0.99), (evaluator!.Tunables[0].Pointer, evaluator.Tunables[0].Min, evaluator.Tunables[0].Max));
        Assert.Equal(["/filters/0/uses"], evaluator.Protected);

        var issue = Issues("id: mine\nfilters: []\ntunables:\n  /filters/3/with/min: { min: 0, max: 1 }\n").At("/tunables/~1filters~13~1with~1min");
        Assert.Contains("points at nothing in this evaluator", issue.Message);
    }

    [Fact]
    public void An_unknown_top_level_field_is_reported_with_its_line()
    {
        var issue = Issues("""
            id: mine
            owner: research
            filters: []
            """).At("/owner");

        Assert.Equal("unknown field 'owner' in an evaluator", issue.Message);
        Assert.Equal("an evaluator has id, version, description, filters, and optionally tunables and protected", issue.Hint);
        Assert.Equal(2, issue.Location?.Line);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("two")]
    [InlineData("\"2\"")]
    [InlineData("[1]")]
    public void A_version_that_is_not_a_whole_number_from_one_is_reported(string version)
    {
        var issue = Issues($"id: mine\nversion: {version}\nfilters: []\n").At("/version");

        Assert.Equal("'version' must be a whole number from 1", issue.Message);
        Assert.Equal(2, issue.Location?.Line);
    }

    [Theory]
    [InlineData("filters: []\n")]
    [InlineData("id: \"\"\nfilters: []\n")]
    [InlineData("id: [a]\nfilters: []\n")]
    public void A_missing_or_blank_id_is_reported(string yaml)
    {
        Assert.Equal("an evaluator needs an 'id'", Issues(yaml).At("/id").Message);
    }

    [Fact]
    public void A_file_named_differently_from_its_id_is_reported_with_its_other_problems()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("evaluators/strict.yaml", "id: strikt\nfilters:\n  - uses: majorty\n");

        var (evaluator, issues, _) = EvaluatorReader.ReadFile(file, AttemptFilterRegistry.BuiltIn());

        Assert.Null(evaluator);
        var name = issues.At("/id");
        Assert.Equal(("the file is named 'strict' but declares id 'strikt'", "make the file name and the id agree", 1), (name.Message, name.Hint, name.Location?.Line));
        Assert.Equal("did you mean 'majority'?", issues.At("/filters/0/uses").Hint);
    }

    [Fact]
    public void A_missing_evaluator_file_is_no_such_file_without_a_syntax_hint()
    {
        using var folder = new TempDirectory();
        var file = System.IO.Path.Combine(folder.Path, "evaluators", "nope.yaml");

        var (evaluator, issues, document) = EvaluatorReader.ReadFile(file, AttemptFilterRegistry.BuiltIn());

        Assert.Null(evaluator);
        Assert.Null(document);
        var issue = Assert.Single(issues);
        Assert.Equal((file, "no such file; check the path.", null), (issue.File, issue.Message, issue.Hint));
    }

    [Fact]
    public void Every_problem_in_the_document_is_reported_at_once()
    {
        var issues = Issues("""
            id: mine
            version: 0
            colour: blue
            filters:
              - uses: majority
                with: { minShare: 2 }
              - uses: one-per-promt
            """);

        Assert.Equal(["/colour", "/version", "/filters/0/with/minShare", "/filters/1/uses"], issues.Select(i => i.Path));
        Assert.Equal([3, 2, 6, 7], issues.Select(i => i.Location?.Line ?? 0));
    }
}
