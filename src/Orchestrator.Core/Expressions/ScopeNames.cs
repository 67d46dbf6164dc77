namespace Orchestrator.Core.Expressions;

/// <summary>The names an expression may read without binding them itself.</summary>
public static class ScopeNames
{
    /// <summary>What the engine binds: <c>loop</c> inside loops, <c>branch</c> (and the item's name) inside parallel steps.</summary>
    public static readonly IReadOnlySet<string> Engine = new HashSet<string>(StringComparer.Ordinal) { "inputs", "state", "steps", "loop", "branch" };

    /// <summary>The JavaScript globals an expression may use.</summary>
    public static readonly IReadOnlySet<string> JavaScript = new HashSet<string>(StringComparer.Ordinal)
    {
        "undefined", "NaN", "Infinity", "globalThis",
        "Math", "JSON", "Array", "Object", "String", "Number", "Boolean", "Date", "RegExp", "Symbol", "BigInt",
        "Map", "Set", "WeakMap", "WeakSet", "Promise", "Proxy", "Reflect", "Intl",
        "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError",
        "parseInt", "parseFloat", "isNaN", "isFinite", "encodeURI", "encodeURIComponent", "decodeURI", "decodeURIComponent",
        "eval", "Function", "arguments",
    };
}
