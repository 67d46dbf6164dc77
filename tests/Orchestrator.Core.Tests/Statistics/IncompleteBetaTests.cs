using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Tests.Statistics;

public sealed class IncompleteBetaTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(170)]
    public void Log_gamma_of_an_integer_is_the_log_factorial(int n)
    {
        var logFactorial = Enumerable.Range(1, n - 1).Sum(k => Math.Log(k));

        Assert.Equal(logFactorial, IncompleteBeta.LogGamma(n), 1e-9 * Math.Max(1, logFactorial));
    }

    [Theory]
    [InlineData(2, 3, 0.4)]
    [InlineData(0.5, 0.5, 0.25)]
    [InlineData(30, 2, 0.9)]
    public void The_inverse_undoes_the_function_and_symmetry_holds(double a, double b, double x)
    {
        var p = IncompleteBeta.Regularized(a, b, x);

        Assert.Equal(x, IncompleteBeta.Inverse(a, b, p), 9);
        Assert.Equal(1 - p, IncompleteBeta.Regularized(b, a, 1 - x), 12);
    }

    [Fact]
    public void Known_closed_forms()
    {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(2, 2) = 3x² − 2x³.
        Assert.Equal(0.3, IncompleteBeta.Regularized(1, 1, 0.3), 12);
        Assert.Equal(Math.Pow(0.7, 5), IncompleteBeta.Regularized(5, 1, 0.7), 12);
        Assert.Equal(3 * 0.36 - 2 * 0.216, IncompleteBeta.Regularized(2, 2, 0.6), 12);
    }
}
