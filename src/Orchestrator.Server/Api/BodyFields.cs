using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Server.Api;

/// <summary>
/// Typed fields of a JSON body, each wrong one recorded at its pointer so a client learns about all of them at once;
/// fields the route does not know are refused too, since a typo would otherwise be ignored silently.
/// </summary>
public sealed class BodyFields(JsonObject body, params string[] known)
{
    private readonly List<(string Path, string Message)> _errors = [];

    public string? String(string name, bool required = false)
    {
        switch (body[name])
        {
            case null when required: _errors.Add(($"/{name}", "is required (a string)")); return null;
            case null: return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String: return v.GetValue<string>();
            default: _errors.Add(($"/{name}", $"must be a string, not {body[name]!.GetValueKind().ToString().ToLowerInvariant()}")); return null;
        }
    }

    public long? Integer(string name, bool required = false)
    {
        switch (body[name])
        {
            case null when required: _errors.Add(($"/{name}", "is required (an integer)")); return null;
            case null: return null;
            case JsonValue v when v.TryGetValue<long>(out var n): return n;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15: return (long)d;
            default: _errors.Add(($"/{name}", $"must be an integer, not {body[name]!.ToJsonString()}")); return null;
        }
    }

    public bool Boolean(string name)
    {
        switch (body[name])
        {
            case null: return false;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False: return v.GetValue<bool>();
            default: _errors.Add(($"/{name}", "must be true or false")); return false;
        }
    }

    public JsonObject? Object(string name)
    {
        switch (body[name])
        {
            case null: return null;
            case JsonObject o: return (JsonObject)o.DeepClone();
            default: _errors.Add(($"/{name}", "must be a JSON object")); return null;
        }
    }

    /// <summary>Null when every field was right; else a 400 listing each wrong field and each unknown one.</summary>
    public IResult? Problem()
    {
        foreach (var (name, _) in body)
            if (!known.Contains(name)) _errors.Add(($"/{name}", $"is not a field of this request (its fields: {string.Join(", ", known)})"));
        return _errors.Count == 0 ? null : Problems.Invalid($"{_errors.Count} field{(_errors.Count == 1 ? " is" : "s are")} wrong", _errors);
    }
}
