using Orchestrator.AI.Editing;

namespace Orchestrator.AI.Tests.Editing;

public sealed class EditAnswerTests
{
    [Fact]
    public void A_json_answer_gives_its_patch_and_rationale()
    {
        var answer = EditAnswer.Parse("""{"patch": [{"op": "replace", "path": "/steps/0/with/span", "value": 2}], "rationale": " wider rounds "}""");

        Assert.Null(answer.Failure);
        Assert.Equal("/steps/0/with/span=2", EditArms.Of(answer.Patch!));
        Assert.Equal("wider rounds", answer.Rationale);
    }

    [Fact]
    public void An_object_in_a_code_fence_or_a_sentence_is_read_too()
    {
        var answer = EditAnswer.Parse("Here is my edit:\n```json\n{\"patch\": [{\"op\": \"replace\", \"path\": \"/a\", \"value\": \"x\"}]}\n```");

        Assert.Null(answer.Failure);
        Assert.Equal("/a=\"x\"", EditArms.Of(answer.Patch!));
        Assert.Equal("(no rationale given)", answer.Rationale);
    }

    [Theory]
    [InlineData("I would lower the learning rate, since the loss plateaus early.", "the answer is not JSON (it begins \"I would lower")]
    [InlineData("", "the answer is empty")]
    [InlineData("[1, 2]", "the answer is JSON but not an object")]
    [InlineData("""{"edit": []}""", "the answer has no \"patch\" list of operations")]
    [InlineData("""{"patch": {"op": "replace"}}""", "the answer has no \"patch\" list of operations")]
    public void An_answer_that_is_not_a_patch_says_why(string content, string expected)
    {
        var answer = EditAnswer.Parse(content);

        Assert.Null(answer.Patch);
        Assert.StartsWith(expected, answer.Failure);
    }
}
