using System.Diagnostics;
using CsCheck;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;
using Xunit.Abstractions;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// Structure-aware fuzzing of definition files around the shipped workflows and evaluators. Whatever the file
/// says, loading it ends in a definition or a list of issues: never an exception, and every issue names the file
/// and where in it (a line, or a path in the document). A document that loads can be hashed, as publishing does.
/// </summary>
public sealed class DefinitionFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Any_mutation_of_a_shipped_workflow_loads_or_is_refused_with_issues_that_name_the_file_and_a_place()
    {
        var valid = 0L;
        var stopwatch = Stopwatch.StartNew();
        DefinitionCase.Of(ShippedDocuments.WorkflowFiles).Sample(fuzzed =>
        {
            var result = ShippedDocuments.Loader.LoadText(fuzzed.File, fuzzed.Text);
            if (result.IsValid)
            {
                DefinitionHash.Of(result.Definition!.Document);
                Interlocked.Increment(ref valid);
            }
            else
            {
                AssertIssuesArePlaced(fuzzed.File, result.Issues);
            }
        }, seed: FuzzSettings.Seed, iter: FuzzSettings.Cases, print: c => c.ToString());
        Report("workflows", valid, stopwatch.Elapsed);
    }

    [Fact]
    public void Any_mutation_of_a_shipped_evaluator_reads_or_is_refused_with_issues_that_name_the_file_and_a_place()
    {
        var valid = 0L;
        var stopwatch = Stopwatch.StartNew();
        DefinitionCase.Of(ShippedDocuments.EvaluatorFiles).Sample(fuzzed =>
        {
            IReadOnlyList<ValidationIssue> issues;
            try
            {
                var document = DocumentReader.Read(fuzzed.File, fuzzed.Text);
                var (evaluator, found) = EvaluatorReader.Read(document, ShippedDocuments.Filters);
                issues = found;
                if (evaluator is not null && issues.Count == 0) DefinitionHash.Of(document.Root);
            }
            catch (DefinitionSyntaxException e)
            {
                Assert.Equal(fuzzed.File, e.File);
                Assert.True(e.Location is { Line: >= 1 }, $"the syntax error '{e.Reason}' gives no line");
                return;
            }
            if (issues.Count == 0) Interlocked.Increment(ref valid);
            else AssertIssuesArePlaced(fuzzed.File, issues);
        }, seed: FuzzSettings.Seed, iter: FuzzSettings.Cases, print: c => c.ToString());
        Report("evaluators", valid, stopwatch.Elapsed);
    }

    private static void AssertIssuesArePlaced(string file, IReadOnlyList<ValidationIssue> issues)
    {
        foreach (var issue in issues)
        {
            Assert.True(issue.File == file, $"the issue '{issue.Message}' names '{issue.File}', not '{file}'");
            Assert.False(string.IsNullOrWhiteSpace(issue.Message), $"an issue at {issue.Path} says nothing");
            Assert.True(issue.Location is { Line: >= 1 } || issue.Path.StartsWith('/'), $"the issue '{issue.Message}' names neither a line nor a path");
        }
    }

    private void Report(string what, long valid, TimeSpan elapsed) =>
        output.WriteLine($"{FuzzSettings.Cases:N0} fuzzed {what} in {elapsed.TotalSeconds:0.0} s ({FuzzSettings.Cases / elapsed.TotalSeconds:N0}/s), {valid:N0} of them valid; seed {FuzzSettings.Seed}");
}
