using System.Text.Json.Nodes;
using Orchestrator.Core.Tests.Validation;

namespace Orchestrator.Core.Tests.Activities;

/// <summary>Found by fuzzing the shipped workflows: a null given for an input declared never null reached the validator as null, which threw.</summary>
public sealed class NullInputTests
{
    [Fact]
    public void A_null_for_an_input_that_is_never_null_is_a_problem_that_names_the_input()
    {
        var problems = new FlavourActivity().CheckInputs(new JsonObject { ["flavour"] = null }, new HashSet<string>());

        var problem = Assert.Single(problems);
        Assert.Equal("flavour", problem.Input);
        Assert.Equal("'flavour' is null; it must be a string", problem.Message);
    }

    [Fact]
    public void A_null_for_a_value_type_input_is_still_refused_by_its_type()
    {
        var problems = new FlavourActivity().CheckInputs(new JsonObject { ["flavour"] = "vanilla", ["scoops"] = null }, new HashSet<string>());

        Assert.Equal("scoops", Assert.Single(problems).Input);
    }
}
