using System.Text.Json.Nodes;
using Orchestrator.Cli.Output;

namespace Orchestrator.Cli.Tests.Output;

public sealed class DisplayNumbersTests
{
    [Theory]
    [InlineData(19.799999999999997, "19.8")]
    [InlineData(0.030000000000000002, "0.03")]
    [InlineData(0.06249999999999996, "0.0625")]
    [InlineData(0.123456, "0.1235")]
    [InlineData(-2.71828, "-2.718")]
    [InlineData(0.0025, "0.0025")]
    [InlineData(0.001, "0.001")]
    public void Fractions_keep_four_significant_digits(double value, string shown)
    {
        Assert.Equal(shown, DisplayNumbers.Format(value));
    }

    [Theory]
    [InlineData(3.3e-5, "3.3e-5")]
    [InlineData(1.23456e-7, "1.235e-7")]
    [InlineData(-4e-12, "-4e-12")]
    public void Small_numbers_such_as_p_values_keep_their_digits_in_exponent_form(double value, string shown)
    {
        Assert.Equal(shown, DisplayNumbers.Format(value));
    }

    [Theory]
    [InlineData(3500, "3500")]
    [InlineData(0, "0")]
    [InlineData(-0.0, "0")]
    [InlineData(-42, "-42")]
    [InlineData(123456789, "123456789")]
    public void Whole_numbers_stay_whole(double value, string shown)
    {
        Assert.Equal(shown, DisplayNumbers.Format(value));
    }

    [Theory]
    [InlineData(12345.678, "12346")]
    [InlineData(1234.5678, "1235")]
    [InlineData(999.96, "1000")]
    public void Digits_before_the_point_are_never_rounded_away(double value, string shown)
    {
        Assert.Equal(shown, DisplayNumbers.Format(value));
    }

    [Theory]
    [InlineData("12345678901234567891", "12345678901234567891")]
    [InlineData("7", "7")]
    [InlineData("2.0e-3", "0.002")]
    [InlineData("1.0", "1")]
    [InlineData("0.30000000000000004", "0.3")]
    public void A_json_integer_is_shown_as_written_and_other_numbers_are_rounded(string json, string shown)
    {
        Assert.Equal(shown, DisplayNumbers.Format(JsonNode.Parse(json)!.AsValue()));
    }

    [Fact]
    public void Numbers_built_in_code_are_read_as_json_numbers_too()
    {
        Assert.Equal(("0.3", "500"), (DisplayNumbers.Format(JsonValue.Create(0.1 + 0.2)), DisplayNumbers.Format(JsonValue.Create(500L))));
    }
}
