using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Tests.Definitions;

public sealed class DurationTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("12", 12_000)]
    [InlineData(" 3 s ", 3_000)]
    public void Durations_parse_in_each_unit(string text, double milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1s")]
    [InlineData("5 minutes")]
    [InlineData("")]
    [InlineData(null)]
    public void Non_durations_do_not_parse(string? text)
    {
        Assert.False(Duration.TryParse(text, out _));
    }
}
