using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Evaluation;

public sealed class ShippedEvaluatorsTests
{
    private static readonly AttemptFilterRegistry Filters = AttemptFilterRegistry.BuiltIn();

    private static EvaluatorCatalog Catalog => new([Path.Combine(RepositoryRoot.Path, "workflows")], Filters);

    [Theory]
    [InlineData("verified", new[] { "checked-correct", "one-per-prompt" })]
    [InlineData("keep-all", new string[0])]
    [InlineData("keep-none", new[] { "drop-all" })]
    [InlineData("majority", new[] { "majority", "one-per-prompt" })]
    [InlineData("selflabel", new[] { "format", "invariance", "confidence", "majority", "one-per-prompt" })]
    [InlineData("format-only", new[] { "format", "one-per-prompt" })]
    [InlineData("selflabel-ensemble", new[] { "format", "confidence", "ensemble", "invariance", "majority", "one-per-prompt" })]
    public void Each_shipped_evaluator_loads_without_issues(string id, string[] filters)
    {
        var (evaluator, issues) = Catalog.Load(id);

        Assert.True(issues.Count == 0, string.Join("\n", issues));
        Assert.Equal(id == "selflabel" ? "selflabel@2" : id + "@1", evaluator?.Reference);
        Assert.Equal(filters, evaluator!.Filters.Select(f => f.Uses));
    }

    [Fact]
    public void The_catalog_knows_every_shipped_evaluator()
    {
        Assert.Subset(Catalog.Known().ToHashSet(), new HashSet<string> { "format-only", "keep-all", "keep-none", "majority", "selflabel", "selflabel-ensemble", "verified" });
    }

    [Fact]
    public void The_shipped_majority_evaluator_needs_three_agreeing_samples()
    {
        var majority = Catalog.Load("majority").Evaluator!;
        var two = Attempts.Samples("2+2", "4", "4").ToList();
        var three = Attempts.Samples("3+3", "6", "6", "6", "7").ToList();

        var result = EvaluatorRunner.Apply(majority, Filters, [.. two, .. three]);

        Assert.Equal([three[0]], result.Kept);
    }
}
