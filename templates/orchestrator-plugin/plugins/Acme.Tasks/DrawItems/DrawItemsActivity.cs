using Acme.Tasks.SortDigits;
using Orchestrator.Core.Activities;

namespace Acme.Tasks.DrawItems;

/// <summary>
/// <c>acme-tasks/draw-items</c>: draws items of <see cref="SortDigitsTask"/>. The digits come from
/// <see cref="ActivityContext.Random"/>, which the engine seeds from the run's seed and the step's key, so a replayed
/// or resumed run draws the same items; an activity never uses <c>new Random()</c> or the machine's clock.
/// </summary>
public sealed class DrawItemsActivity() : Activity<DrawItemsOptions, DrawItemsOutput>(
    "acme-tasks/draw-items", "Draws items of acme-tasks/sort-digits from the run's seeded random source.", new DrawItemsOptionsValidator())
{
    private static readonly SortDigitsTask SortDigits = new();

    protected override ValueTask<ActivityOutcome> ExecuteAsync(DrawItemsOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var items = new List<DrawnItem>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            var item = SortDigits.Generate(context.Random, options.Length);
            items.Add(new DrawnItem(item.Prompt, item.Answer));
        }
        context.Log($"drew {items.Count} items of {options.Length} digits");
        return ValueTask.FromResult(Done(new DrawItemsOutput(SortDigits.Name, items)));
    }
}
