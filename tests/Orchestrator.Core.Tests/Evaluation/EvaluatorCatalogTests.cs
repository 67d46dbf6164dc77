using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Evaluation;

public sealed class EvaluatorCatalogTests : IDisposable
{
    private const string Verified = """
        id: verified
        version: 1
        filters:
          - uses: checked-correct
          - uses: one-per-prompt
        """;

    private readonly TempDirectory _workflows = new();

    public void Dispose() => _workflows.Dispose();

    private EvaluatorCatalog Catalog(params string[] folders) =>
        new(folders.Length == 0 ? [_workflows.Path] : folders, AttemptFilterRegistry.BuiltIn());

    [Fact]
    public void A_valid_file_loads_under_its_id()
    {
        var file = _workflows.Write("evaluators/verified.yaml", Verified);

        var (evaluator, issues) = Catalog().Load("verified");

        Assert.Empty(issues);
        Assert.Equal(("verified@1", file), (evaluator?.Reference, evaluator?.File));
        Assert.Equal(["checked-correct", "one-per-prompt"], evaluator!.Filters.Select(f => f.Uses));
    }

    [Fact]
    public void Yml_and_json_files_are_found_too()
    {
        _workflows.Write("evaluators/short.yml", "id: short\nfilters: []\n");
        _workflows.Write("evaluators/plain.json", """{ "id": "plain", "filters": [ { "uses": "majority", "with": { "minShare": 0.6 } } ] }""");

        Assert.Equal("short", Catalog().Load("short").Evaluator?.Id);
        Assert.Equal("plain", Catalog().Load("plain").Evaluator?.Id);
    }

    [Fact]
    public void A_json_evaluator_with_a_whole_number_parameter_loads()
    {
        _workflows.Write("evaluators/plain.json", """{ "id": "plain", "filters": [ { "uses": "majority", "with": { "minVotes": 3 } } ] }""");

        var (evaluator, issues) = Catalog().Load("plain");

        Assert.True(issues.Count == 0, string.Join("\n", issues));
        Assert.Equal("plain", evaluator?.Id);
    }

    [Fact]
    public void A_missing_evaluator_lists_the_known_ones()
    {
        _workflows.Write("evaluators/verified.yaml", Verified);
        _workflows.Write("evaluators/keep-all.yaml", "id: keep-all\nfilters: []\n");

        var (evaluator, issues) = Catalog().Load("judge");

        Assert.Null(evaluator);
        var issue = Assert.Single(issues);
        Assert.StartsWith("no evaluator 'judge' (looked in ", issue.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_workflows.Path, "evaluators"), issue.Message, StringComparison.Ordinal);
        Assert.Equal("known evaluators: keep-all, verified", issue.Hint);
    }

    [Fact]
    public void A_misspelt_evaluator_gets_a_did_you_mean_hint()
    {
        _workflows.Write("evaluators/verified.yaml", Verified);

        Assert.Equal("did you mean 'verified'?", Assert.Single(Catalog().Load("verifed").Issues).Hint);
    }

    [Fact]
    public void Without_any_evaluators_the_hint_says_where_to_add_one()
    {
        Assert.Equal("add evaluators/judge.yaml", Assert.Single(Catalog().Load("judge").Issues).Hint);
    }

    [Fact]
    public void Without_a_workflows_folder_the_issue_says_so()
    {
        var issue = Assert.Single(new EvaluatorCatalog([], AttemptFilterRegistry.BuiltIn()).Load("verified").Issues);

        Assert.Equal("no evaluator 'verified' (no workflows folder is configured)", issue.Message);
    }

    [Fact]
    public void A_file_whose_name_and_id_disagree_is_an_issue()
    {
        var file = _workflows.Write("evaluators/strict.yaml", "# renamed from verified\nid: verified\nfilters: []\n");

        var (evaluator, issues) = Catalog().Load("strict");

        Assert.Null(evaluator);
        var issue = issues.At("/id");
        Assert.Equal("the file is named 'strict' but declares id 'verified'", issue.Message);
        Assert.Equal((file, 2), (issue.File, issue.Location?.Line));
    }

    [Fact]
    public void Issues_inside_a_file_carry_its_path_and_line()
    {
        var file = _workflows.Write("evaluators/broken.yaml", "id: broken\nfilters:\n  - uses: majority\n    with: { minShare: 1.5 }\n");

        var issue = Catalog().Load("broken").Issues.At("/filters/0/with/minShare");

        Assert.Equal((file, 4), (issue.File, issue.Location?.Line));
    }

    [Fact]
    public void A_syntax_error_is_reported_with_the_file()
    {
        var file = _workflows.Write("evaluators/broken.yaml", "id: verified\nfilters: [unclosed\n");

        var (evaluator, issues) = Catalog().Load("broken");

        Assert.Null(evaluator);
        var issue = Assert.Single(issues);
        Assert.Equal(file, issue.File);
        Assert.NotNull(issue.Location);
        Assert.Equal("fix the YAML syntax", issue.Hint);
    }

    [Fact]
    public void An_unclosed_list_followed_by_more_lines_is_reported_as_a_syntax_error()
    {
        var file = _workflows.Write("evaluators/broken.yaml", "id: [unclosed\nfilters: []\n");

        var (evaluator, issues) = Catalog().Load("broken");

        Assert.Null(evaluator);
        var issue = Assert.Single(issues);
        Assert.Equal(file, issue.File);
        Assert.Equal("fix the YAML syntax", issue.Hint);
    }

    [Fact]
    public void The_first_folder_that_has_the_evaluator_wins()
    {
        using var other = new TempDirectory();
        other.Write("evaluators/verified.yaml", "id: verified\nversion: 2\nfilters: []\n");
        _workflows.Write("evaluators/verified.yaml", Verified);

        Assert.Equal(2, Catalog(other.Path, _workflows.Path).Load("verified").Evaluator?.Version);
        Assert.Equal(1, Catalog(_workflows.Path, other.Path).Load("verified").Evaluator?.Version);
    }

    [Fact]
    public void Known_lists_evaluator_files_of_every_folder_once_in_order()
    {
        using var other = new TempDirectory();
        _workflows.Write("evaluators/verified.yaml", Verified);
        _workflows.Write("evaluators/README.md", "# not an evaluator");
        other.Write("evaluators/verified.yaml", Verified);
        other.Write("evaluators/majority.yml", "id: majority\nfilters: []\n");

        Assert.Equal(["majority", "verified"], Catalog(_workflows.Path, other.Path, Path.Combine(other.Path, "missing")).Known());
    }

    [Fact]
    public void The_hash_is_the_same_for_the_same_content()
    {
        _workflows.Write("evaluators/verified.yaml", Verified);
        var first = Catalog().Load("verified").Evaluator!.Hash;

        using var copy = new TempDirectory();
        copy.Write("evaluators/verified.yaml", Verified);

        Assert.Equal(first, Catalog().Load("verified").Evaluator!.Hash);
        Assert.Equal(first, Catalog(copy.Path).Load("verified").Evaluator!.Hash);
    }

    [Fact]
    public void The_hash_ignores_comments_and_layout_but_not_content()
    {
        _workflows.Write("evaluators/verified.yaml", Verified);
        var original = Catalog().Load("verified").Evaluator!.Hash;

        _workflows.Write("evaluators/verified.yaml", "# reformatted\nid: verified\nversion: 1\nfilters: [ { uses: checked-correct }, { uses: one-per-prompt } ]\n");
        var reformatted = Catalog().Load("verified").Evaluator!.Hash;

        _workflows.Write("evaluators/verified.yaml", "id: verified\nversion: 1\nfilters:\n  - uses: checked-correct\n");
        var changed = Catalog().Load("verified").Evaluator!.Hash;

        Assert.Equal(original, reformatted);
        Assert.NotEqual(original, changed);
    }

    [Fact]
    public void Changing_a_parameter_changes_the_hash()
    {
        _workflows.Write("evaluators/majority.yaml", "id: majority\nfilters:\n  - { uses: majority, with: { minShare: 0.5 } }\n");
        var before = Catalog().Load("majority").Evaluator!.Hash;

        _workflows.Write("evaluators/majority.yaml", "id: majority\nfilters:\n  - { uses: majority, with: { minShare: 0.6 } }\n");

        Assert.NotEqual(before, Catalog().Load("majority").Evaluator!.Hash);
    }
}
