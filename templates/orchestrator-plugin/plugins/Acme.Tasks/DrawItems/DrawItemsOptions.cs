using Orchestrator.Core.Activities;

namespace Acme.Tasks.DrawItems;

/// <summary>
/// The inputs of <c>acme-tasks/draw-items</c>, as a step's <c>with:</c> gives them: each <see cref="InputAttribute"/>
/// property is one input (named in camelCase), and its initialiser is the default.
/// </summary>
public sealed class DrawItemsOptions
{
    [Input("the number of digits of each item", Required = true)]
    public int Length { get; set; }

    [Input("how many items to draw")]
    public int Count { get; set; } = 4;
}

/// <summary>What the step outputs, read by later steps as <c>steps.ID.output.items</c>.</summary>
public sealed record DrawItemsOutput(
    [property: Output("the task the items are of")] string Task,
    [property: Output("the items drawn, each a prompt and its answer")] IReadOnlyList<DrawnItem> Items);

/// <summary>One item of the task, as the output carries it.</summary>
public sealed record DrawnItem(string Prompt, string Answer);
