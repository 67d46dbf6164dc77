namespace Orchestrator.Core.Tasks;

/// <summary>
/// Optional for a task: how a person (or another model) writes its problems and answers, and how they map to the
/// task's own form, which may be anything that suits learning (addition's operands and sum are written reversed).
/// With it a trained model can be served as a chat model: a client sends <c>12+34</c> and reads <c>46</c>, and a
/// remote chat model can answer the task's problems.
/// </summary>
public interface IChatForm
{
    /// <summary>A readable problem, as a client would write it (e.g. <c>12+34</c>), for errors and documentation.</summary>
    string Example { get; }

    /// <summary>The task's prompt for a readable problem; null (with what is wrong) when it is not one.</summary>
    string? ReadPrompt(string text, out string? problem);

    /// <summary>The readable problem of one of the task's prompts.</summary>
    string WritePrompt(string taskPrompt);

    /// <summary>The readable answer for the task's answer to <paramref name="taskPrompt"/>.</summary>
    string WriteAnswer(string taskPrompt, string taskAnswer);

    /// <summary>
    /// The task's answer for a readable answer to <paramref name="taskPrompt"/>. Text that is no answer comes back as
    /// it is, for the checker to mark wrong: a teacher's mistakes are data too.
    /// </summary>
    string ReadAnswer(string taskPrompt, string text);

    /// <summary>
    /// Whether the readable answer is written in the order the model writes the task's answer, so a stream can show
    /// it as it is decoded. Addition's sum is read most significant digit first, the reverse of the model's order.
    /// </summary>
    bool StreamsInOrder { get; }
}
