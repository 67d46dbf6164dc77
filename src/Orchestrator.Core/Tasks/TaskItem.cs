namespace Orchestrator.Core.Tasks;

/// <summary>One problem of a task: the prompt the model sees and the answer the checker accepts.</summary>
public sealed record TaskItem(string Task, string Prompt, string Answer, int Length);
