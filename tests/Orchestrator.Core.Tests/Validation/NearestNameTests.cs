using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Tests.Validation;

public sealed class NearestNameTests
{
    [Theory]
    [InlineData("lgo", "log")]
    [InlineData("Set", "set")]
    [InlineData("asert", "assert")]
    [InlineData("wiat", "wait")]
    public void Close_misspellings_find_the_known_name(string name, string expected)
    {
        Assert.Equal(expected, NearestName.Find(name, ["set", "log", "fail", "wait", "assert"]));
    }

    [Fact]
    public void A_name_far_from_every_candidate_gets_no_suggestion()
    {
        Assert.Null(NearestName.Find("learning/post-train", ["set", "log", "fail", "wait", "assert"]));
    }
}
