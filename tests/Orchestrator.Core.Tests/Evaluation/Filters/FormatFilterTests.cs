using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Core.Tests.Evaluation.Filters;

public sealed class FormatFilterTests
{
    /// <summary>A hand-made task whose answers are exactly as long as the prompt before '='.</summary>
    private sealed class EchoTask : ITaskFamily, IAnswerFormat
    {
        public string Name => "echo";
        public string Description => "repeat the prompt";
        public string Alphabet => "0123456789=";
        public int MinLength => 1;
        public TaskItem Generate(Random random, int length) => new(Name, new string('1', length) + "=", new string('1', length), length);
        public CheckResult Check(TaskItem item, string attempt) => new(attempt == item.Answer, item.Answer);
        public string? FormatProblem(string prompt, string answer) => answer.Length == prompt.Length - 1 ? null : "wrong length";
    }

    /// <summary>A task that declares no answer format.</summary>
    private sealed class ShapelessTask : ITaskFamily
    {
        public string Name => "shapeless";
        public string Description => "anything goes";
        public string Alphabet => "0123456789";
        public int MinLength => 1;
        public TaskItem Generate(Random random, int length) => new(Name, "1", "1", length);
        public CheckResult Check(TaskItem item, string attempt) => new(true, item.Answer);
    }

    private readonly FormatFilter _filter = new(new TaskRegistry().Add(new EchoTask()).Add(new ShapelessTask()));

    [Fact]
    public void Keeps_well_formed_answers_whatever_their_content_and_drops_malformed_ones()
    {
        var attempts = new[] { Attempts.Of("123=", "999", task: "echo"), Attempts.Of("123=", "12", task: "echo"), Attempts.Of("123=", "1234", task: "echo"), Attempts.Of("45=", "45", task: "echo") };

        var kept = _filter.Apply(attempts, Attempts.Parameters());

        Assert.Equal([attempts[0], attempts[3]], kept);
    }

    [Fact]
    public void A_task_without_a_declared_format_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _filter.Apply([Attempts.Of("1", "1", task: "shapeless")], Attempts.Parameters()));
        Assert.Contains("'shapeless' declares no answer format", error.Message);
    }

    [Fact]
    public void An_unregistered_task_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _filter.Apply([Attempts.Of("1", "1", task: "nope")], Attempts.Parameters()));
        Assert.Contains("'nope', which is not registered", error.Message);
    }

    [Fact]
    public void It_takes_no_parameters()
    {
        Assert.Equal("min", Assert.Single(_filter.CheckParameters(Attempts.Parameters("""{ "min": 1 }"""))).Parameter);
    }
}
