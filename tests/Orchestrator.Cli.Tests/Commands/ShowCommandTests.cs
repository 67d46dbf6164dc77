using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

public sealed class ShowCommandTests : IDisposable
{
    // State with float noise (0.1 + 0.2), a p-value, markup-like text, a long unbroken value and a list of records.
    private const string Noisy = """
        id: noisy
        state:
          seconds: 0
          rounds: []
        steps:
          - id: record
            uses: set
            with:
              seconds: "${0.1 + 0.2}"
              note: "[red]3+4[/] keeps its brackets"
              long: "${'0123456789'.repeat(15)}"
              rounds: "${[{ round: 0, pValue: 3.3e-5, alpha: 0.1 + 0.2, label: '[b]a+b[/]' }, { round: 1, pValue: 0.06249999999999996, alpha: 0.05, label: 'b' }]}"
        output: "${state.seconds}"
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<CliProcess.Result> ShowAsync(string yaml, params string[] options)
    {
        var file = _temp.Write("workflow.yaml", yaml);
        var run = await CliProcess.RunAsync(_temp.Path, CliProcess.With(_temp.File("store"), "run", file, "--id", "r1"));
        Assert.True(run.ExitCode is 0 or 1, run.Stdout + run.Stderr);
        return await CliProcess.RunAsync(_temp.Path, CliProcess.With(_temp.File("store"), ["show", "r1", .. options]));
    }

    private static string[] Lines(CliProcess.Result result) => result.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public async Task Show_prints_indented_json_with_numbers_rounded_for_reading()
    {
        var show = await ShowAsync(Noisy);

        Assert.True(show.ExitCode == 0, show.Stdout + show.Stderr);
        var lines = Lines(show);
        Assert.Contains("inputs: {}", lines);
        Assert.Contains("state: {", lines);
        Assert.Contains("  \"seconds\": 0.3,", lines);
        Assert.Contains("output: 0.3", lines);
        Assert.DoesNotContain("0.30000000000000004", show.Stdout);
        Assert.DoesNotContain("0.06249999999999996", show.Stdout);
    }

    [Fact]
    public async Task A_list_of_flat_records_is_shown_as_a_table_with_every_value()
    {
        var show = await ShowAsync(Noisy);

        var lines = Lines(show);
        Assert.Contains(lines, l => l.Trim() == "state.rounds");
        Assert.Contains(lines, l => Regex.IsMatch(l, @"│ round │ pValue │ alpha │ +label │"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"│ +0 │ +3\.3e-5 │ +0\.3 │ +\[b\]a\+b\[/\] │"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"│ +1 │ +0\.0625 │ +0\.05 │ +b │"));
        Assert.DoesNotContain(lines, l => l.Contains("\"rounds\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Markup_and_plus_signs_in_values_are_printed_as_written()
    {
        var show = await ShowAsync(Noisy);

        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("  \"note\": \"[red]3+4[/] keeps its brackets\",", Lines(show));
        Assert.DoesNotContain("\\u002B", show.Stdout);
    }

    [Fact]
    public async Task Show_json_keeps_every_digit()
    {
        var show = await ShowAsync(Noisy, "--json");

        var run = JsonNode.Parse(show.Stdout)!;
        Assert.Equal(0.1 + 0.2, run["state"]!["seconds"]!.GetValue<double>());
        Assert.Equal(0.06249999999999996, run["state"]!["rounds"]![1]!["pValue"]!.GetValue<double>());
        Assert.Equal(0.1 + 0.2, run["output"]!.GetValue<double>());
    }

    [Fact]
    public async Task Output_to_a_file_keeps_long_lines_whole()
    {
        var show = await ShowAsync(Noisy);

        var lines = Lines(show);
        Assert.Contains(lines, l => Regex.IsMatch(l, "^definition sha256:[0-9a-f]{64}$"));
        Assert.Contains($"  \"long\": \"{string.Concat(Enumerable.Repeat("0123456789", 15))}\"", lines);
        var step = Assert.Single(lines, l => l.StartsWith("│ record ", StringComparison.Ordinal));
        Assert.Matches(@"│ record │ set +│ succeeded │ 1 +│ \d+ ms +│ \{""seconds"":0\.3,.*\.\.\. │$", step);
    }

    [Fact]
    public async Task A_failed_run_shows_its_error_whole_with_its_brackets()
    {
        var message = "stopped on purpose [here] after " + string.Concat(Enumerable.Repeat("a-long-explanation-", 6));
        var show = await ShowAsync($$"""
            id: fails
            steps:
              - { id: stop, uses: fail, with: { message: "{{message}}", type: budget-exceeded } }
            """);

        Assert.Equal(1, show.ExitCode);
        Assert.Contains(Lines(show), l => l.StartsWith("error  ", StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
    }
}
