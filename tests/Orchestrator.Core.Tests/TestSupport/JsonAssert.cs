using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Core.Tests.TestSupport;

/// <summary>Comparisons of JSON values that do not depend on the CLR type a node happens to hold.</summary>
public static class JsonAssert
{
    public static void Equal(string expectedJson, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), actual), $"expected {expectedJson}, got {actual?.ToJsonString() ?? "null"}");

    /// <summary>Any JSON number as a double (nodes built in code keep their CLR type; a long is not readable as a double).</summary>
    public static double Number(JsonNode? node)
    {
        Assert.NotNull(node);
        return double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);
    }
}
