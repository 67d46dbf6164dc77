using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using JsEngine = Jint.Engine;
using JintJsonParser = Jint.Native.Json.JsonParser;
using JintJsonSerializer = Jint.Native.Json.JsonSerializer;

namespace Orchestrator.Core.Expressions;

/// <summary>
/// Evaluates <c>${...}</c> expressions in a JavaScript sandbox (Jint): no CLR access, no clock and no
/// <c>Math.random</c> (randomness must come from the run's seed, or a resumed run would take another path),
/// and hard limits on statements, time, memory, recursion, array size and string size
/// (<see cref="SandboxHardening"/>). Each evaluation gets a fresh
/// engine, so one expression can never leave anything behind for the next.
/// </summary>
public sealed class ExpressionEvaluator(ExpressionLimits? limits = null)
{
    private static readonly ExpressionCache<Prepared<Script>> Scripts = new();
    private static readonly ConcurrentDictionary<long, Prepared<Script>> Hardenings = new();
    private readonly ExpressionLimits _limits = limits ?? ExpressionLimits.Default;

    public ExpressionLimits Limits => _limits;

    /// <summary>Evaluates one expression (without <c>${</c> <c>}</c>) to a JSON value.</summary>
    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        var analysis = ExpressionAnalysis.Of(expression);
        var engine = CreateEngine();
        try
        {
            // Prepared inside the handlers below: text the analysis accepts can still be refused here (an assignment to a literal).
            var script = Scripts.GetOrAdd(expression, static e => JsEngine.PrepareScript("(" + e + "\n)", strict: true));
            engine.Execute(Hardenings.GetOrAdd(_limits.MaxMemoryBytes / 2, static chars => JsEngine.PrepareScript(SandboxHardening.Script(chars))));
            Bind(engine, scope, analysis);
            var result = engine.Evaluate(script);
            return ToJson(engine, result, expression);
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (StatementsCountOverflowException e)
        {
            throw new ExpressionException(expression, $"ran more than {_limits.MaxStatements:N0} statements; expressions compute values, they do not loop for long", e);
        }
        catch (TimeoutException e)
        {
            throw new ExpressionException(expression, $"ran longer than {_limits.Timeout.TotalMilliseconds:0} ms", e);
        }
        catch (MemoryLimitExceededException e)
        {
            throw new ExpressionException(expression, $"allocated more than {_limits.MaxMemoryBytes / (1024 * 1024)} MB", e);
        }
        catch (RecursionDepthOverflowException e)
        {
            throw new ExpressionException(expression, $"recursed deeper than {_limits.MaxRecursionDepth} calls", e);
        }
        catch (JavaScriptException e)
        {
            throw new ExpressionException(expression, e.Message, e);
        }
        catch (Exception e) when (e is JintException or InvalidOperationException or OutOfMemoryException or ArgumentException or InsufficientExecutionStackException)
        {
            throw new ExpressionException(expression, e.Message, e);
        }
    }

    /// <summary>Evaluates a condition; anything JavaScript calls truthy is true.</summary>
    public bool Test(string condition, ExpressionScope scope)
    {
        var template = ExpressionTemplate.Parse(condition);
        var value = template.IsSingleExpression ? Evaluate(template.Parts[0].Text, scope) : Render(JsonValue.Create(condition), scope);
        return value switch
        {
            null => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
            JsonValue v when Json.JsonTypes.TryGetNumber(v, out var number) => number != 0,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is not ("" or "false"),
            _ => true,
        };
    }

    /// <summary>Resolves every <c>${...}</c> inside a JSON value (objects and lists are walked), leaving other values as they are.</summary>
    public JsonNode? Render(JsonNode? value, ExpressionScope scope)
    {
        switch (value)
        {
            case JsonObject obj:
                var rendered = new JsonObject();
                foreach (var (key, child) in obj) rendered[key] = Render(child, scope);
                return rendered;
            case JsonArray array:
                var list = new JsonArray();
                foreach (var item in array) list.Add(Render(item, scope));
                return list;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var text && ExpressionTemplate.Contains(text):
                var template = ExpressionTemplate.Parse(text);
                if (template.IsSingleExpression) return Evaluate(template.Parts[0].Text, scope);
                var builder = new System.Text.StringBuilder();
                foreach (var part in template.Parts)
                    builder.Append(part.IsExpression ? AsText(Evaluate(part.Text, scope)) : part.Text);
                return JsonValue.Create(builder.ToString());
            default:
                return value?.DeepClone();
        }
    }

    private JsEngine CreateEngine() => new(options =>
    {
        options.Strict();
        options.MaxStatements(_limits.MaxStatements);
        options.TimeoutInterval(_limits.Timeout);
        options.LimitMemory(_limits.MaxMemoryBytes);
        options.LimitRecursion(_limits.MaxRecursionDepth);
        options.Constraints.MaxArraySize = _limits.MaxArraySize;
        // A backtracking regular expression is one long call; without this it runs for Jint's default 10 s.
        options.Constraints.RegexTimeout = _limits.Timeout;
        options.Interop.Enabled = false;
        options.Interop.AllowGetType = false;
        options.Interop.AllowSystemReflection = false;
    });

    private static void Bind(JsEngine engine, ExpressionScope scope, ExpressionAnalysis analysis)
    {
        var parser = new JintJsonParser(engine);
        JsValue Parse(JsonNode? node) => node is null ? JsValue.Null : parser.Parse(node.ToJsonString());

        if (analysis.Names.Contains("inputs")) engine.SetValue("inputs", Parse(scope.Inputs));
        if (analysis.Names.Contains("state")) engine.SetValue("state", Parse(scope.State));
        if (analysis.Names.Contains("steps"))
        {
            var steps = new JsonObject();
            var ids = analysis.ReadsStepsDynamically ? scope.StepIds : analysis.StepReferences;
            foreach (var id in ids)
                if (scope.TryGetStepOutput(id, out var output))
                    steps[id] = new JsonObject { ["output"] = output?.DeepClone() };
            engine.SetValue("steps", Parse(steps));
        }
        foreach (var (name, local) in scope.Locals)
            if (analysis.Names.Contains(name)) engine.SetValue(name, Parse(local));
    }

    private JsonNode? ToJson(JsEngine engine, JsValue value, string expression)
    {
        if (value.IsUndefined() || value.IsNull()) return null;
        if (value.IsString()) return JsonValue.Create(value.AsString());
        if (value.IsBoolean()) return JsonValue.Create(value.AsBoolean());
        if (value.IsNumber())
        {
            var number = value.AsNumber();
            if (double.IsNaN(number) || double.IsInfinity(number))
                throw new ExpressionException(expression, $"evaluated to {number}, which is not a JSON number");
            return number % 1 == 0 && Math.Abs(number) < 9e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }
        if (value is Jint.Native.Function.Function)
            throw new ExpressionException(expression, "evaluated to a function; call it, or return a value");
        var json = new JintJsonSerializer(engine).Serialize(value);
        if (json.IsUndefined()) return null;
        var text = json.AsString();
        if (text.Length > _limits.MaxResultChars)
            throw new ExpressionException(expression, $"produced a value of {text.Length:N0} characters; the limit is {_limits.MaxResultChars:N0}");
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = Parsing.DocumentLimits.MaxDepth });
        }
        catch (JsonException e)
        {
            // Values become step inputs, state and outputs, all stored as JSON under the definitions' nesting limit.
            throw new ExpressionException(expression, $"produced a value nested more than {Parsing.DocumentLimits.MaxDepth} levels deep", e);
        }
    }

    private static string AsText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
