namespace Orchestrator.Core.Tasks;

/// <summary>
/// Optional for a task: rewrites of a prompt that must have the same answer (for addition, b+a for a+b). A model
/// that answers a prompt and its variants differently is wrong on at least one of them, which lets the
/// <c>invariance</c> filter judge self-labels without the answer.
/// </summary>
public interface IPromptVariants
{
    /// <summary>The variants of <paramref name="prompt"/>; empty when it has none (e.g. a+a).</summary>
    IReadOnlyList<PromptVariant> Variants(string prompt);
}

/// <summary>A rewrite of a prompt with the same answer, named after the invariance it relies on (e.g. <c>commuted</c>).</summary>
public sealed record PromptVariant(string Name, string Prompt);
