using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Json;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Activities;

/// <summary>
/// The usual way to write an activity: an options class whose <see cref="InputAttribute"/> properties are
/// the inputs (defaults are the property initialisers), a FluentValidation validator for it, and an
/// output class whose <see cref="OutputAttribute"/> properties are the outputs. Inputs are bound and
/// validated before <see cref="ExecuteAsync(TOptions, ActivityContext, CancellationToken)"/> sees them.
/// </summary>
public abstract class Activity<TOptions, TOutput> : IActivity where TOptions : class, new()
{
    private static readonly IReadOnlySet<string> NotNullable = ActivityFields.NotNullable(typeof(TOptions));
    private readonly IValidator<TOptions>? _validator;

    protected Activity(string type, string description, IValidator<TOptions>? validator = null)
    {
        _validator = validator;
        Descriptor = new ActivityDescriptor(type, description, ActivityFields.Inputs(typeof(TOptions)), ActivityFields.Outputs(typeof(TOutput)));
    }

    public ActivityDescriptor Descriptor { get; }

    public IReadOnlyList<InputProblem> CheckInputs(JsonObject inputs, IReadOnlySet<string> deferred)
    {
        var problems = new List<InputProblem>();
        var known = Descriptor.Inputs.Select(i => i.Name).ToList();
        foreach (var (name, _) in inputs)
            if (!known.Contains(name))
                problems.Add(new InputProblem(name, $"'{Descriptor.Type}' has no input '{name}'",
                    NearestName.Hint(name, known, known.Count == 0 ? "it takes no inputs" : "its inputs are: " + string.Join(", ", known))));
        foreach (var field in Descriptor.Inputs.Where(f => f.Required && !inputs.ContainsKey(f.Name)))
            problems.Add(new InputProblem(field.Name, $"'{Descriptor.Type}' needs the input '{field.Name}' ({field.Description})", $"add '{field.Name}: ...' under 'with'"));
        foreach (var field in Descriptor.Inputs.Where(f => inputs.ContainsKey(f.Name) && !deferred.Contains(f.Name)))
            if (inputs[field.Name] is { } value && !JsonTypes.Matches(value, field.Type) && !(field.Type == Definitions.InputType.Number && JsonTypes.Matches(value, Definitions.InputType.Int)))
                problems.Add(new InputProblem(field.Name, $"'{field.Name}' must be {Article(field.Type)} but is {Article(JsonTypes.Describe(value))}", $"write a {field.Type.ToString().ToLowerInvariant()} value, or an expression \"${{...}}\""));
        problems.AddRange(CheckPresence(inputs));
        if (problems.Count > 0) return problems;

        var literal = new JsonObject();
        foreach (var (name, value) in inputs)
            if (!deferred.Contains(name)) literal[name] = value?.DeepClone();
        if (!TryBind(literal, out var options, out var bindProblem)) return [bindProblem!];
        return Validate(options!).Where(p => !deferred.Contains(p.Input)).ToList();
    }

    public async ValueTask<ActivityOutcome> ExecuteAsync(JsonObject inputs, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!TryBind(inputs, out var options, out var bindProblem))
            return ActivityOutcome.Failure("invalid-input", bindProblem!.Message);
        var problems = Validate(options!);
        if (problems.Count > 0)
            return ActivityOutcome.Failure("invalid-input", string.Join("; ", problems.Select(p => $"{p.Input}: {p.Message}")));
        return await ExecuteAsync(options!, context, cancellationToken);
    }

    /// <summary>
    /// Problems with which inputs a step gives at all, whether literal or expressions: for inputs that are alternatives
    /// (one of two is needed), which the validator cannot judge while one of them is still an expression.
    /// </summary>
    protected virtual IEnumerable<InputProblem> CheckPresence(JsonObject inputs) => [];

    /// <summary>Runs one attempt. Return <see cref="Done"/> or <see cref="Failed"/>; throw only for the unexpected.</summary>
    protected abstract ValueTask<ActivityOutcome> ExecuteAsync(TOptions options, ActivityContext context, CancellationToken cancellationToken);

    protected static ActivityOutcome Done(TOutput output, JsonObject? stateChanges = null) =>
        ActivityOutcome.Success(JsonSerializer.SerializeToNode(output, ActivityFields.Json), stateChanges);

    protected static ActivityOutcome Failed(string type, string message, bool transient = false) => ActivityOutcome.Failure(type, message, transient);

    private bool TryBind(JsonObject inputs, out TOptions? options, out InputProblem? problem)
    {
        // The binder would put null into a property declared never null (a YAML key with no value, an expression that
        // found nothing), and the validator or the activity would then fail on it with no word about the input.
        if (inputs.FirstOrDefault(i => i.Value is null && NotNullable.Contains(i.Key)).Key is { } missing)
        {
            var field = Descriptor.Inputs.First(f => f.Name == missing);
            problem = new InputProblem(missing, $"'{missing}' is null; it must be {Article(field.Type)}", "give it a value, or leave it out to use its default");
            options = null;
            return false;
        }
        problem = null;
        try
        {
            options = inputs.Deserialize<TOptions>(ActivityFields.Json) ?? new TOptions();
            return true;
        }
        catch (JsonException e)
        {
            var input = e.Path?.TrimStart('$', '.') ?? "";
            var field = Descriptor.Inputs.FirstOrDefault(f => f.Name == input);
            problem = new InputProblem(input, field is null ? e.Message : $"'{input}' must be {Article(field.Type)}", "check the value's type");
            options = null;
            return false;
        }
    }

    private List<InputProblem> Validate(TOptions options) =>
        _validator?.Validate(options).Errors
            .Select(f => new InputProblem(JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName), f.ErrorMessage))
            .ToList() ?? [];

    private static string Article(object type)
    {
        var word = type.ToString()!.ToLowerInvariant();
        return ("aeiou".Contains(word[0]) ? "an " : "a ") + word;
    }
}
