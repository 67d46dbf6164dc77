using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Json;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Engine;

/// <summary>Turns given inputs into a run's inputs: declared names only, right types, defaults filled in, required ones present.</summary>
public static class RunInputs
{
    /// <summary>Parses <c>name=value</c> pairs from the command line, by each input's declared type.</summary>
    public static JsonObject FromText(WorkflowDefinition definition, IEnumerable<string> pairs)
    {
        var given = new JsonObject();
        var problems = new List<string>();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                problems.Add($"'{pair}' is not name=value");
                continue;
            }
            var name = pair[..eq];
            var text = pair[(eq + 1)..];
            var declared = definition.Inputs.FirstOrDefault(i => i.Name == name);
            if (declared is null)
            {
                given[name] = text;
                continue;
            }
            var value = JsonTypes.ParseText(text, declared.Type, out var ok);
            if (ok) given[name] = value;
            else problems.Add($"input '{name}' must be {declared.Type.ToString().ToLowerInvariant()}, but '{text}' is not");
        }
        if (problems.Count > 0) throw new RunSetupException(string.Join("; ", problems));
        return Resolve(definition, given);
    }

    public static JsonObject Resolve(WorkflowDefinition definition, JsonObject given)
    {
        var problems = new List<string>();
        var resolved = new JsonObject();
        foreach (var (name, _) in given)
            if (definition.Inputs.All(i => i.Name != name))
                problems.Add($"'{definition.Reference}' has no input '{name}' ({NearestName.Hint(name, definition.Inputs.Select(i => i.Name), "its inputs: " + string.Join(", ", definition.Inputs.Select(i => i.Name)))})");
        foreach (var input in definition.Inputs)
        {
            if (given.TryGetPropertyValue(input.Name, out var value))
            {
                if (!JsonTypes.Matches(value, input.Type) && !(input.Type == InputType.Number && JsonTypes.Matches(value, InputType.Int)))
                    problems.Add($"input '{input.Name}' must be {input.Type.ToString().ToLowerInvariant()}, but is {JsonTypes.Describe(value)}");
                resolved[input.Name] = value?.DeepClone();
            }
            else if (input.HasDefault) resolved[input.Name] = input.Default?.DeepClone();
            else problems.Add($"input '{input.Name}' is required (type {input.Type.ToString().ToLowerInvariant()}); pass --input {input.Name}=...");
        }
        if (problems.Count > 0) throw new RunSetupException(string.Join("; ", problems));
        return resolved;
    }
}
