using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Core.Json;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Definitions;

/// <summary>
/// The structural check: turns a parsed document into a <see cref="WorkflowDefinition"/>, reporting
/// every unknown key, missing field and wrongly typed value at once. Meaning (references, activity
/// types, bounds) is checked afterwards by <c>DefinitionValidator</c>.
/// </summary>
public static partial class DefinitionBuilder
{
    private static readonly string[] TopKeys = ["id", "version", "description", "inputs", "state", "tunables", "protected", "steps", "output"];
    private static readonly string[] InputKeys = ["type", "default", "description"];
    private static readonly string[] StepKeys = ["id", "description", "uses", "with", "if", "timeout", "retry", "queue", "loop", "parallel", "call", "do"];
    private static readonly string[] LoopKeys = ["times", "until", "max"];
    private static readonly string[] ParallelKeys = ["over", "as", "maxDegree"];
    private static readonly string[] CallKeys = ["workflow", "version"];
    private static readonly string[] RetryKeys = ["attempts", "delay", "backoff", "maxDelay"];
    private static readonly string[] TunableKeys = ["min", "max", "values"];

    /// <summary>
    /// Builds the definition, adding every structural problem to <paramref name="issues"/>. The definition is
    /// returned even when there are problems — parts that could not be read become <see cref="InvalidStep"/>s or
    /// defaults — so the meaning checks can still run and an author sees everything at once. It may only be
    /// run when <paramref name="issues"/> stays empty.
    /// </summary>
    public static WorkflowDefinition Build(ParsedDocument document, IssueList issues)
    {
        var root = document.Root;
        CheckKeys(root, "", TopKeys, issues, "a definition");

        var id = RequiredString(root, "", "id", issues, "give the workflow a stable id, e.g. 'id: self-improve-addition'");
        if (id is not null && !DefinitionIdPattern().IsMatch(id))
            issues.Add("/id", $"'{id}' is not a valid workflow id", "use lower-case letters, digits, '-', '_' and '.', starting with a letter");

        var version = 1;
        if (root["version"] is { } versionNode && (!TryInt(versionNode, out version) || version < 1))
            issues.Add("/version", "version must be a whole number of at least 1", "e.g. 'version: 2'");

        var inputs = BuildInputs(root["inputs"], issues);
        var state = root["state"] switch
        {
            null => new JsonObject(),
            JsonObject obj => obj,
            var other => Fail<JsonObject>(issues, "/state", $"state must be a mapping of initial values, not {JsonTypes.Describe(other)}", "e.g. 'state: { frontier: 3 }'") ?? new JsonObject(),
        };
        var tunables = BuildTunables(root["tunables"], issues);
        var protectedPaths = BuildProtected(root["protected"], issues);

        IReadOnlyList<StepDefinition> steps = [];
        if (root["steps"] is JsonArray stepArray)
        {
            steps = BuildSteps(stepArray, "/steps", issues);
            if (stepArray.Count == 0) issues.Add("/steps", "steps is empty", "a workflow needs at least one step");
        }
        else if (root.ContainsKey("steps"))
            issues.Add("/steps", "steps must be a list of steps", "write each step as '- id: ...' under 'steps:'");
        else
            issues.Add("", "the definition has no 'steps'", "add 'steps:' with at least one step");

        var output = OptionalString(root, "", "output", issues);

        return new WorkflowDefinition
        {
            Id = id ?? "",
            Version = version,
            Description = root["description"]?.ToString(),
            Inputs = inputs,
            InitialState = state,
            Tunables = tunables,
            Protected = protectedPaths,
            Steps = steps,
            Output = output,
            Document = root,
            File = document.File,
            SourceMap = document.SourceMap,
            ContentHash = DefinitionHash.Of(root),
        };
    }

    private static List<InputDefinition> BuildInputs(JsonNode? node, IssueList issues)
    {
        var inputs = new List<InputDefinition>();
        if (node is null) return inputs;
        if (node is not JsonObject obj)
        {
            issues.Add("/inputs", "inputs must be a mapping from input name to its declaration", "e.g. 'inputs: { rounds: { type: int, default: 3 } }'");
            return inputs;
        }
        foreach (var (name, declaration) in obj)
        {
            var path = JsonPointer.Append("/inputs", name);
            if (!IdentifierPattern().IsMatch(name))
                issues.Add(path, $"'{name}' is not a valid input name", "use letters, digits and '_', starting with a letter, so expressions can write inputs." + name);
            if (declaration is not JsonObject decl)
            {
                issues.Add(path, "an input is declared as a mapping with 'type' and optionally 'default'", "e.g. '{ type: int, default: 3 }'");
                continue;
            }
            CheckKeys(decl, path, InputKeys, issues, "an input");
            var typeName = decl["type"]?.ToString();
            if (typeName is null)
            {
                issues.Add(path, "the input has no 'type'", "one of: " + string.Join(", ", TypeNames));
                continue;
            }
            if (!TryParseType(typeName, out var type))
            {
                issues.Add(JsonPointer.Append(path, "type"), $"unknown input type '{typeName}'", NearestName.Hint(typeName, TypeNames, "one of: " + string.Join(", ", TypeNames)));
                // Kept (as any) so references to it are not reported as undeclared too.
                inputs.Add(new InputDefinition(name, InputType.Any, decl["default"]?.DeepClone(), decl.ContainsKey("default"), null));
                continue;
            }
            var hasDefault = decl.ContainsKey("default");
            var defaultValue = decl["default"];
            if (hasDefault && defaultValue is not null && !JsonTypes.Matches(defaultValue, type) && !(type == InputType.Number && JsonTypes.Matches(defaultValue, InputType.Int)))
                issues.Add(JsonPointer.Append(path, "default"), $"the default is a {JsonTypes.Describe(defaultValue)} but the input is declared {typeName}", "change the default or the type");
            inputs.Add(new InputDefinition(name, type, defaultValue?.DeepClone(), hasDefault, decl["description"]?.ToString()));
        }
        return inputs;
    }

    internal static readonly string[] TypeNames = Enum.GetNames<InputType>().Select(n => n.ToLowerInvariant()).ToArray();

    internal static bool TryParseType(string name, out InputType type) =>
        Enum.TryParse(name, ignoreCase: true, out type) && TypeNames.Contains(name.ToLowerInvariant());

    internal static List<TunableBounds> BuildTunables(JsonNode? node, IssueList issues)
    {
        var tunables = new List<TunableBounds>();
        if (node is null) return tunables;
        if (node is not JsonObject obj)
        {
            issues.Add("/tunables", "tunables must be a mapping from JSON pointer to bounds", "e.g. '/steps/0/with/lr: { min: 1.0e-5, max: 1.0e-2 }'");
            return tunables;
        }
        foreach (var (pointer, bounds) in obj)
        {
            var path = JsonPointer.Append("/tunables", pointer);
            if (!pointer.StartsWith('/'))
            {
                issues.Add(path, $"'{pointer}' is not a JSON pointer", "tunable paths start with '/', e.g. /steps/0/with/lr");
                continue;
            }
            double? min = null, max = null;
            List<string>? values = null;
            if (bounds is JsonObject b)
            {
                CheckKeys(b, path, TunableKeys, issues, "tunable bounds");
                min = Number(b["min"], JsonPointer.Append(path, "min"), issues);
                max = Number(b["max"], JsonPointer.Append(path, "max"), issues);
                if (b["values"] is JsonArray allowed) values = allowed.Select(v => v?.ToJsonString() ?? "null").ToList();
                else if (b.ContainsKey("values")) issues.Add(JsonPointer.Append(path, "values"), "values must be a list of the allowed values", "e.g. 'values: [mcnemar, sprt]'");
            }
            else if (bounds is not null)
                issues.Add(path, "tunable bounds must be a mapping", "e.g. '{ min: 1, max: 16 }' or '{ values: [a, b] }'");
            if (min is { } lo && max is { } hi && lo > hi)
                issues.Add(path, $"min {lo} is greater than max {hi}", "swap them");
            tunables.Add(new TunableBounds(pointer, min, max, values));
        }
        return tunables;
    }

    internal static List<string> BuildProtected(JsonNode? node, IssueList issues)
    {
        var paths = new List<string>();
        if (node is null) return paths;
        if (node is not JsonArray array)
        {
            issues.Add("/protected", "protected must be a list of JSON pointers", "e.g. 'protected: [ /steps/0/do/5, /inputs ]'");
            return paths;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var text = array[i]?.ToString();
            if (text is null || !text.StartsWith('/'))
                issues.Add(JsonPointer.Append("/protected", i), $"'{text}' is not a JSON pointer", "protected paths start with '/', e.g. /steps/0");
            else paths.Add(text);
        }
        return paths;
    }

    private static List<StepDefinition> BuildSteps(JsonArray array, string path, IssueList issues)
    {
        var steps = new List<StepDefinition>();
        for (var i = 0; i < array.Count; i++)
        {
            var stepPath = JsonPointer.Append(path, i);
            if (array[i] is not JsonObject obj)
            {
                issues.Add(stepPath, "a step must be a mapping with 'id' and one of 'uses', 'loop', 'parallel' or 'call'", "e.g. '- { id: greet, uses: log, with: { message: hi } }'");
                continue;
            }
            steps.Add(BuildStep(obj, stepPath, issues) ?? new InvalidStep { Id = obj["id"] is JsonValue idValue ? idValue.ToString() : "", Pointer = stepPath });
        }
        return steps;
    }

    private static StepDefinition? BuildStep(JsonObject obj, string path, IssueList issues)
    {
        CheckKeys(obj, path, StepKeys, issues, "a step");
        var id = RequiredString(obj, path, "id", issues, "every step needs an id, unique in its workflow");
        if (id is not null && !IdentifierPattern().IsMatch(id))
            issues.Add(JsonPointer.Append(path, "id"), $"step id '{id}' is not a valid identifier", "use letters, digits and '_', starting with a letter, so expressions can write steps." + IdentifierHint(id) + ".output");

        var kinds = new[] { "uses", "loop", "parallel", "call" }.Where(obj.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            issues.Add(path, kinds.Count == 0 ? $"step '{id}' does not say what it does" : $"step '{id}' has {string.Join(" and ", kinds)}; a step does one thing",
                "give it exactly one of 'uses' (an activity), 'loop', 'parallel' or 'call'");
            return null;
        }

        var condition = OptionalString(obj, path, "if", issues);
        TimeSpan? timeout = null;
        if (obj["timeout"] is { } timeoutNode)
        {
            if (Duration.TryParse(timeoutNode.ToString(), out var t) && t > TimeSpan.Zero) timeout = t;
            else issues.Add(JsonPointer.Append(path, "timeout"), $"'{timeoutNode}' is not a duration", Duration.Hint);
        }
        var retry = BuildRetry(obj["retry"], JsonPointer.Append(path, "retry"), issues);
        if (obj.ContainsKey("retry") && kinds[0] != "uses")
            issues.Add(JsonPointer.Append(path, "retry"), $"retry applies to activity steps, not to a {kinds[0]} step", "put the retry on the activity steps inside it");
        var queue = BuildQueue(obj, path, kinds[0], issues);
        var with = obj["with"] switch
        {
            null => new JsonObject(),
            JsonObject w => w,
            var other => Fail<JsonObject>(issues, JsonPointer.Append(path, "with"), $"'with' must be a mapping of input names to values, not {JsonTypes.Describe(other)}", "e.g. 'with: { message: hello }'") ?? new JsonObject(),
        };
        var hasBody = obj.ContainsKey("do");
        var needsBody = kinds[0] is "loop" or "parallel";
        if (hasBody && !needsBody)
            issues.Add(JsonPointer.Append(path, "do"), $"'do' belongs to loop and parallel steps, not to '{kinds[0]}'", "remove it, or make the step a loop");
        IReadOnlyList<StepDefinition> body = [];
        if (needsBody)
        {
            if (obj["do"] is JsonArray doArray && doArray.Count > 0) body = BuildSteps(doArray, JsonPointer.Append(path, "do"), issues);
            else issues.Add(path, $"the {kinds[0]} step '{id}' has no 'do' steps", "add 'do:' with the steps to repeat");
        }
        if (id is null) return null;

        switch (kinds[0])
        {
            case "uses":
                var uses = obj["uses"]?.ToString();
                if (string.IsNullOrWhiteSpace(uses) || obj["uses"] is not JsonValue)
                {
                    issues.Add(JsonPointer.Append(path, "uses"), "uses must name an activity", "run 'orchestrator activities' to list them");
                    return null;
                }
                return new ActivityStep { Id = id, Pointer = path, If = condition, Timeout = timeout, Retry = retry, Queue = queue, Uses = uses, With = with };

            case "loop":
                if (obj["loop"] is not JsonObject loop)
                {
                    issues.Add(JsonPointer.Append(path, "loop"), "loop must be a mapping with 'times' and/or 'until' (and 'max')", "e.g. 'loop: { times: 3 }'");
                    return null;
                }
                CheckKeys(loop, JsonPointer.Append(path, "loop"), LoopKeys, issues, "a loop");
                int? max = null;
                if (loop["max"] is { } maxNode)
                {
                    if (TryInt(maxNode, out var m) && m >= 1) max = m;
                    else issues.Add(path + "/loop/max", "max must be a whole number of at least 1", "e.g. 'max: 100'");
                }
                return new LoopStep
                {
                    Id = id, Pointer = path, If = condition, Timeout = timeout, Retry = retry,
                    Times = loop["times"]?.DeepClone(),
                    Until = OptionalString(loop, JsonPointer.Append(path, "loop"), "until", issues),
                    Max = max,
                    Do = body,
                };

            case "parallel":
                if (obj["parallel"] is not JsonObject parallel)
                {
                    issues.Add(JsonPointer.Append(path, "parallel"), "parallel must be a mapping with 'over' (a list) and optionally 'as' and 'maxDegree'", "e.g. 'parallel: { over: \"${inputs.items}\", as: item, maxDegree: 4 }'");
                    return null;
                }
                CheckKeys(parallel, JsonPointer.Append(path, "parallel"), ParallelKeys, issues, "a parallel step");
                var over = parallel["over"]?.DeepClone();
                if (over is null) issues.Add(JsonPointer.Append(path, "parallel"), "parallel needs 'over': the list to fan out over", "e.g. 'over: \"${inputs.items}\"'");
                var name = OptionalString(parallel, JsonPointer.Append(path, "parallel"), "as", issues) ?? "item";
                if (!IdentifierPattern().IsMatch(name) || ReservedNames.Contains(name))
                    issues.Add(path + "/parallel/as", $"'{name}' cannot name the item", "use an identifier other than inputs, state, steps and loop");
                var degree = 4;
                if (parallel["maxDegree"] is { } degreeNode && (!TryInt(degreeNode, out degree) || degree < 1 || degree > 256))
                    issues.Add(path + "/parallel/maxDegree", "maxDegree must be a whole number from 1 to 256", "e.g. 'maxDegree: 4'");
                if (over is null) return null;
                return new ParallelStep { Id = id, Pointer = path, If = condition, Timeout = timeout, Retry = retry, Queue = queue, Over = over, As = name, MaxDegree = degree, Do = body };

            default:
                if (obj["call"] is not JsonObject call)
                {
                    issues.Add(JsonPointer.Append(path, "call"), "call must be a mapping with 'workflow' and 'version'", "e.g. 'call: { workflow: score-batch, version: 1 }'");
                    return null;
                }
                CheckKeys(call, JsonPointer.Append(path, "call"), CallKeys, issues, "a call");
                var workflow = RequiredString(call, JsonPointer.Append(path, "call"), "workflow", issues, "name the workflow to call by its id");
                var calledVersion = 0;
                if (call["version"] is not { } cv || !TryInt(cv, out calledVersion) || calledVersion < 1)
                    issues.Add(path + "/call/version", "call needs a 'version': a sub-workflow is pinned, never 'latest'", "e.g. 'version: 1'");
                if (workflow is null || calledVersion < 1) return null;
                return new CallStep { Id = id, Pointer = path, If = condition, Timeout = timeout, Retry = retry, Workflow = workflow, Version = calledVersion, With = with };
        }
    }

    private static string? BuildQueue(JsonObject obj, string path, string kind, IssueList issues)
    {
        if (obj["queue"] is not { } node) return null;
        var at = JsonPointer.Append(path, "queue");
        if (kind is not ("uses" or "parallel"))
        {
            issues.Add(at, $"queue applies to activity and parallel steps, not to a {kind} step", "put the queue on the activity steps inside it");
            return null;
        }
        var name = node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (name is null || !QueueNames.IsValid(name))
        {
            issues.Add(at, $"'{node.ToJsonString()}' is not a queue name", QueueNames.Hint);
            return null;
        }
        return name;
    }

    internal static readonly HashSet<string> ReservedNames = ["inputs", "state", "steps", "loop"];

    private static RetryPolicy BuildRetry(JsonNode? node, string path, IssueList issues)
    {
        if (node is null) return RetryPolicy.None;
        if (node is not JsonObject retry)
        {
            issues.Add(path, "retry must be a mapping", "e.g. 'retry: { attempts: 3, delay: 1s, backoff: exponential }'");
            return RetryPolicy.None;
        }
        CheckKeys(retry, path, RetryKeys, issues, "a retry policy");
        var attempts = 3;
        if (retry["attempts"] is { } a && (!TryInt(a, out attempts) || attempts < 1 || attempts > 100))
            issues.Add(JsonPointer.Append(path, "attempts"), "attempts must be a whole number from 1 to 100 (the first try counts)", "e.g. 'attempts: 3'");
        var delay = DurationOr(retry["delay"], TimeSpan.FromSeconds(1), JsonPointer.Append(path, "delay"), issues);
        var maxDelay = DurationOr(retry["maxDelay"], TimeSpan.FromMinutes(1), JsonPointer.Append(path, "maxDelay"), issues);
        var backoff = RetryBackoff.Exponential;
        if (retry["backoff"]?.ToString() is { } b && !Enum.TryParse(b, ignoreCase: true, out backoff))
            issues.Add(JsonPointer.Append(path, "backoff"), $"unknown backoff '{b}'", "one of: constant, linear, exponential");
        return new RetryPolicy(attempts, delay, backoff, maxDelay);
    }

    private static TimeSpan DurationOr(JsonNode? node, TimeSpan fallback, string path, IssueList issues)
    {
        if (node is null) return fallback;
        if (Duration.TryParse(node.ToString(), out var value)) return value;
        issues.Add(path, $"'{node}' is not a duration", Duration.Hint);
        return fallback;
    }

    private static void CheckKeys(JsonObject obj, string path, string[] known, IssueList issues, string what)
    {
        foreach (var (key, _) in obj)
            if (!known.Contains(key))
                issues.Add(JsonPointer.Append(path, key), $"'{key}' is not a field of {what}",
                    NearestName.Hint(key, known, "known fields: " + string.Join(", ", known)));
    }

    private static string? RequiredString(JsonObject obj, string path, string key, IssueList issues, string hint)
    {
        if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.ToString().Length > 0) return value.ToString();
        if (obj[key] is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.Number) return scalar.ToString();
        issues.Add(obj.ContainsKey(key) ? JsonPointer.Append(path, key) : path, obj.ContainsKey(key) ? $"'{key}' must be text" : $"'{key}' is missing", hint);
        return null;
    }

    private static string? OptionalString(JsonObject obj, string path, string key, IssueList issues)
    {
        var node = obj[key];
        if (node is null) return null;
        if (node is JsonValue) return ScalarText(node);
        issues.Add(JsonPointer.Append(path, key), $"'{key}' must be a single value or an expression, not a {JsonTypes.Describe(node)}", "quote it: \"${...}\"");
        return null;
    }

    /// <summary>Scalars keep their JSON spelling except strings, so `times: 3` and `times: "${inputs.n}"` both become expression text.</summary>
    private static string ScalarText(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.ToString() : node.ToJsonString();

    private static double? Number(JsonNode? node, string path, IssueList issues)
    {
        if (node is null) return null;
        if (JsonTypes.TryGetNumber(node, out var number)) return number;
        issues.Add(path, $"'{node.ToJsonString()}' is not a number", "e.g. 1.0e-3");
        return null;
    }

    private static bool TryInt(JsonNode node, out int value)
    {
        value = 0;
        if (!JsonTypes.Matches(node, InputType.Int) || !JsonTypes.TryGetNumber(node, out var number) || number is < int.MinValue or > int.MaxValue) return false;
        value = (int)number;
        return true;
    }

    private static string IdentifierHint(string id) => InvalidIdentifierChars().Replace(id, "_");

    private static T? Fail<T>(IssueList issues, string path, string message, string hint) where T : class
    {
        issues.Add(path, message, hint);
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    internal static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9._-]*$")]
    private static partial Regex DefinitionIdPattern();

    [GeneratedRegex(@"[^A-Za-z0-9_]")]
    private static partial Regex InvalidIdentifierChars();
}
