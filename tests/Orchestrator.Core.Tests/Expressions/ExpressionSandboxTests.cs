using System.Text.Json.Nodes;
using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Tests.Expressions;

/// <summary>
/// A definition may be edited by the system itself, so no expression may reach the CLR, hang the engine,
/// exhaust memory or draw randomness outside the run's seed. Each escape must end in an ExpressionException.
/// </summary>
public sealed class ExpressionSandboxTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    private static ExpressionScope Scope() => new(new JsonObject { ["n"] = 3 }, new JsonObject { ["total"] = 10 });

    private ExpressionException Rejected(string expression) =>
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, Scope()));

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("System.IO.File")]
    [InlineData("importNamespace('System')")]
    [InlineData("clr")]
    [InlineData("require('fs')")]
    [InlineData("process.exit(1)")]
    public void CLR_and_host_names_do_not_exist(string expression)
    {
        var error = Rejected(expression);

        Assert.Contains("is not defined", error.Reason, StringComparison.Ordinal);
        Assert.Equal(expression, error.Expression);
    }

    [Fact]
    public void The_function_constructor_reaches_no_host_object()
    {
        var error = Rejected("this.constructor.constructor('return process')()");

        Assert.Contains("process is not defined", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Infinite_loop_hits_the_statement_limit()
    {
        var error = Rejected("(() => { while(true){} })()");

        Assert.Contains("statements", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Infinite_loop_hits_the_time_limit_when_statements_are_plentiful()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(100) });

        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("(() => { while(true){} })()", Scope()));

        Assert.Contains("ran longer than 100 ms", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Catastrophic_regex_backtracking_is_bound_by_the_time_limit()
    {
        // One regex match is one statement, so the statement count cannot stop it; only a regex timeout tied to
        // the expression's time limit can. Without one, Jint's own regex timeout (10 s) applies.
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.FromMilliseconds(100) });

        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("/(a+)+$/.test('a'.repeat(25) + 'b')", Scope()));

        Assert.Contains("ran longer than 100 ms", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_string_allocation_is_rejected()
    {
        var error = Rejected("'x'.repeat(1e9)");

        Assert.Matches("string length|MB", error.Reason);
    }

    [Fact]
    public void A_single_builtin_call_may_not_allocate_past_the_memory_limit()
    {
        // 1e8 characters are 200 MB, far past the 16 MB limit. The limit is checked between statements, and
        // this expression has no statement after the allocation, so nothing stops it unless the check is made
        // when the evaluation ends (or the string length is bounded).
        var error = Rejected("'x'.repeat(1e8).length");

        Assert.Contains("MB", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_array_allocation_is_rejected()
    {
        var error = Rejected("new Array(1e9).fill(0)");

        Assert.Contains("allocated more than 16 MB", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Building_a_big_array_in_a_loop_is_stopped()
    {
        var error = Rejected("(() => { const a = []; for (let i = 0; i < 1e8; i++) a.push('item ' + i); return a.length; })()");

        Assert.Contains("statements", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Building_a_big_array_without_statements_hits_the_memory_or_size_limit()
    {
        // Array.from and join run inside the engine's built-ins, so few statements count: the memory and array
        // limits must stop it.
        var error = Rejected("Array.from({ length: 5e6 }, (_, i) => i).join(',')");

        Assert.Contains("allocated more than 16 MB", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Doubling_a_string_in_a_short_loop_hits_the_memory_limit()
    {
        var error = Rejected("(() => { let s = 'x'; for (let i = 0; i < 40; i++) s = s + s; return s.length; })()");

        Assert.Contains("allocated more than 16 MB", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_recursion_hits_the_recursion_limit()
    {
        var error = Rejected("(function f(n) { return f(n + 1); })(0)");

        Assert.Contains("recursed deeper than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Math_random_is_removed()
    {
        var error = Rejected("Math.random()");

        Assert.Contains("random", error.Reason, StringComparison.Ordinal);
        Assert.Equal("undefined", _evaluator.Evaluate("typeof Math.random", Scope())!.GetValue<string>());
    }

    [Fact]
    public void Math_random_removal_does_not_leak_between_evaluations()
    {
        _evaluator.Evaluate("Math.max(1, 2)", Scope());

        Assert.Equal("undefined", _evaluator.Evaluate("typeof Math.random", Scope())!.GetValue<string>());
    }

    [Fact]
    public void Globals_set_by_one_evaluation_are_gone_in_the_next()
    {
        _evaluator.Evaluate("globalThis.leak = 42", Scope());

        Assert.Equal("undefined", _evaluator.Evaluate("typeof leak", Scope())!.GetValue<string>());
    }

    [Fact]
    public void Statement_injection_is_rejected_as_not_an_expression()
    {
        var error = Rejected("1); while(true){} (1");

        Assert.Contains("not a valid expression", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_injection_through_a_template_is_rejected_as_not_an_expression()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Render(JsonValue.Create("${1); while(true){} (1}"), Scope()));

        Assert.Contains("not a valid expression", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_statement_after_a_semicolon_is_rejected()
    {
        var error = Rejected("1; 2");

        Assert.Contains("not a valid expression", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_that_is_not_json_is_rejected()
    {
        Assert.Contains("not a JSON number", Rejected("1 / 0").Reason, StringComparison.Ordinal);
        Assert.Contains("evaluated to a function", Rejected("() => 1").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_larger_than_the_limit_is_rejected()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { MaxResultChars = 1_000 });

        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("Array.from({ length: 500 }, (_, i) => i)", Scope()));

        Assert.Contains("the limit is 1,000", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scope_values_are_copies_so_an_expression_cannot_change_state()
    {
        var scope = Scope();

        _evaluator.Evaluate("state.total = 99", scope);

        Assert.Equal(10, scope.State["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("new ArrayBuffer(1e9)")]
    [InlineData("new Uint8Array(2e9)")]
    [InlineData("new Float64Array(1e8)")]
    [InlineData("new SharedArrayBuffer(1e9)")]
    [InlineData("new DataView(new ArrayBuffer(8))")]
    public void Binary_buffers_do_not_exist_since_they_allocate_past_the_memory_limit_in_one_call(string expression)
    {
        // Found by fuzzing: new ArrayBuffer(1e9) took a gigabyte against a 16 MB limit, and returned {}.
        Assert.Contains("is not defined", Rejected(expression).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Intl_does_not_exist_since_it_formats_the_current_time()
    {
        Assert.Contains("is not defined", Rejected("Intl.DateTimeFormat().format()").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assignment_to_a_literal_is_an_expression_error()
    {
        Assert.IsType<ExpressionException>(Rejected("1 = state.total"));
    }

    [Theory]
    [InlineData("[10n ** 100000n] + ''")]
    [InlineData("BigInt(2) ** BigInt(64)")]
    public void BigInts_are_refused_since_their_arithmetic_runs_past_the_time_limit_in_one_call(string expression)
    {
        Assert.IsType<ExpressionException>(Rejected(expression));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("-(", ")")]
    [InlineData("f(", ")")]
    public void A_deeply_nested_expression_gives_a_value_or_an_expression_error_never_a_crash(string open, string close)
    {
        foreach (var depth in new[] { 100, 1_000, 3_000, 10_000, 50_000 })
        {
            var expression = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
            try
            {
                _evaluator.Evaluate(expression, Scope());
            }
            catch (ExpressionException)
            {
            }
        }
    }
}
