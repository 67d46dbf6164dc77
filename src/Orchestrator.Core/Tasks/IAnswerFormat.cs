namespace Orchestrator.Core.Tasks;

/// <summary>
/// Optional for a task: says whether an answer has the right shape for a prompt (length, characters) without
/// knowing whether it is right. The <c>format</c> filter uses it to drop malformed self-labels, which are wrong
/// whatever their content — the length filter of the self-improvement literature.
/// </summary>
public interface IAnswerFormat
{
    /// <summary>Null when <paramref name="answer"/> is well-formed for <paramref name="prompt"/>, else what is wrong with it.</summary>
    string? FormatProblem(string prompt, string answer);
}
