using Acme.Tasks.SortDigits;
using FluentValidation;

namespace Acme.Tasks.DrawItems;

/// <summary>
/// Checks the inputs twice: on the literal values before a run starts (so a bad workflow is refused with the input's
/// name), and on every attempt once expressions are resolved. A failed rule is an invalid-input outcome, never a throw.
/// </summary>
public sealed class DrawItemsOptionsValidator : AbstractValidator<DrawItemsOptions>
{
    /// <summary>A step's output is stored with the run after every step, so one step draws a bounded number of items.</summary>
    public const int MaxCount = 10_000;

    /// <summary>The task has no longest item, but a bound turns a slip (3000 for 3) into an error before the run.</summary>
    public const int MaxLength = 100;

    public DrawItemsOptionsValidator()
    {
        var minLength = new SortDigitsTask().MinLength;
        RuleFor(o => o.Length).InclusiveBetween(minLength, MaxLength)
            .WithMessage(o => $"length must be from {minLength} to {MaxLength} digits, not {o.Length}");
        RuleFor(o => o.Count).InclusiveBetween(1, MaxCount)
            .WithMessage(o => $"count must be from 1 to {MaxCount}, not {o.Count}");
    }
}
