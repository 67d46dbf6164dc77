using CsCheck;

namespace Orchestrator.Core.Tests.Fuzzing;

/// <summary>
/// Random JavaScript expressions of the kind definitions hold (reads of inputs, state, step outputs and loop
/// variables, arithmetic, built-in calls), mixed with the kind a hostile or careless self-edit might write: endless
/// loops, runaway recursion, huge allocations in one call, the clock, randomness, and every known way out of a
/// sandbox to the host.
/// </summary>
internal static class ExpressionGrammar
{
    private static readonly string[] Reads =
    [
        "inputs.rounds", "inputs.name", "inputs.items", "inputs.nested.deep.value", "inputs.missing", "state.n", "state.list", "state.text",
        "steps.gate.output.passed", "steps.gate.output.scores", "steps.missing.output", "loop.index", "item", "1", "0", "-1", "2.5",
        "1e308", "'text'", "''", "true", "false", "null", "undefined", "NaN", "Infinity", "[]", "[1, 2, 3]", "({ a: 1, b: [2] })",
    ];

    private static readonly string[] Binary = [" + ", " - ", " * ", " / ", " % ", " ** ", " == ", " === ", " != ", " < ", " >= ", " && ", " || ", " ?? ", " & ", " << ", " >>> ", ", "];

    private static readonly string[] Calls =
    [
        ".length", ".toString()", ".map(x => x * 2)", ".filter(x => x)", ".reduce((a, b) => a + b, 0)", ".join('-')", ".slice(1)",
        ".concat([1])", ".repeat(3)", ".padStart(8, '0')", ".toUpperCase()", ".split('')", ".includes(1)", ".indexOf('e')", ".at(-1)",
        ".sort()", ".reverse()", ".flat(2)", ".keys()", ".toFixed(2)", ".replaceAll('e', 'ee')", "?.x", "[0]", "['constructor']",
    ];

    private static readonly string[] Wrappers =
    [
        "JSON.stringify({0})", "JSON.parse(JSON.stringify({0}))", "Math.max({0}, 1)", "Object.keys({0})", "Object.entries({0})", "String({0})",
        "Number({0})", "Array.isArray({0})", "({0}) ? 1 : 2", "!({0})", "typeof ({0})", "[{0}, {0}]", "({{ v: {0} }})", "(() => {0})()",
        "Array.from({{ length: 3 }}, () => {0})", "`${{{0}}}`", "{0}.constructor", "Object.assign({{}}, {0})",
    ];

    /// <summary>Expressions that must end in a refusal (or a harmless value), never a hang, a host object or a crash.</summary>
    public static readonly string[] Hostile =
    [
        "(() => { while (true) {} })()", "(() => { for (;;) {} })()", "(function f() { return f(); })()", "(function f(n) { return n && f(n - 1) + f(n - 1); })(40)",
        "'x'.repeat(1e9)", "'x'.repeat(2 ** 30)", "'x'.padEnd(1e9)", "'x'.padStart(2 ** 31)", "Array(1e9).fill(0)", "new Array(2 ** 32 - 1).join('x')",
        "Array.from({ length: 1e9 })", "[...Array(1e7).keys()]", "new ArrayBuffer(1e9)", "new Uint8Array(2e9)", "new Float64Array(1e8)",
        "(() => { let s = 'x'; for (;;) s += s; })()", "(() => { const a = []; for (;;) a.push(a.length); })()", "'ab'.replaceAll('a', 'x'.repeat(1e6)).replaceAll('x', 'yy'.repeat(1e3))",
        "JSON.stringify(Array(1e6).fill('xxxxxxxx'))", "Array(1e6).fill('xxxxxxxx').toString()", "'' + Array(1e6).fill('xxxxxxxx')", "String.fromCharCode(...Array(1e6).fill(65))",
        "10n ** 100000n", "BigInt(2) ** BigInt(1e7)", "/(a+)+$/.test('a'.repeat(40) + 'b')", "/(x|x)*y/.test('x'.repeat(50))", "Array(1e6).fill(0).sort((a, b) => a - b).length",
        "Date.now()", "new Date()", "Date()", "new Date().getTime()", "Math.random()", "performance.now()", "setTimeout(() => 1, 0)",
        "this", "globalThis", "this.constructor", "Function('return this')()", "new Function('return globalThis')()", "(1).constructor.constructor('return this')()",
        "[].constructor.constructor('return process')()", "eval('1 + 1')", "importNamespace('System.IO')", "System.IO.File.ReadAllText('/etc/passwd')",
        "require('fs')", "process.exit(1)", "clrTypeOf(1)", "host", "Java", "Object.getPrototypeOf(inputs).constructor.constructor('return 1')()",
        "inputs.__proto__.constructor", "inputs.GetType()", "(1).GetType().Assembly", "Reflect.ownKeys(globalThis).join(',')", "new Proxy({}, { get: () => { while (true) {} } }).x",
        "Symbol.for('x').toString()", "new WeakRef({})", "Atomics", "SharedArrayBuffer", "Intl.DateTimeFormat().resolvedOptions().timeZone", "Intl.DateTimeFormat().format()",
        "Object.defineProperty(String.prototype, 'repeat', { value: () => 1 })", "String.prototype.repeat = () => 1", "delete Array.prototype.join",
        "1 = state.n", "state.n = 1", "inputs.rounds++", "var x = 1", "let y = 2", "function g() {}", "class A {}", "import('fs')", "yield 1", "await 1",
        "}", "{", ")", "(", "`", "'", "/", "\\u0000", "${inputs.rounds}", "a b c", "", " ", "@", "#x", "1..toString()",
    ];

    private static Gen<string> Atom { get; } = Gen.Frequency((6, Gen.OneOf(Reads)), (1, Gen.OneOf(Hostile)), (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public static Gen<string> Expression { get; } = Gen.Recursive<string>((depth, self) => depth >= 4
        ? Atom
        : Gen.Frequency(
            (4, Atom),
            (3, Gen.Select(self, Gen.OneOf(Binary), self, (l, op, r) => $"({l}){op}({r})")),
            (3, Gen.Select(self, Gen.OneOf(Calls), (e, call) => $"({e}){call}")),
            (2, Gen.Select(Gen.OneOf(Wrappers), self, (w, e) => string.Format(System.Globalization.CultureInfo.InvariantCulture, w, e))),
            (1, Gen.OneOf(Hostile)),
            (1, Gen.Select(Gen.OneOf(("(", ")"), ("[", "]"), ("{ a: ", " }"), ("-(", ")"), ("!(", ")")), Gen.Int[50, 1_500], Nested))));

    /// <summary>An atom nested <paramref name="depth"/> times: past the parser's stack guard and past the JSON nesting limit.</summary>
    private static string Nested((string Open, string Close) pair, int depth) =>
        string.Concat(Enumerable.Repeat(pair.Open, depth)) + "1" + string.Concat(Enumerable.Repeat(pair.Close, depth));
}
