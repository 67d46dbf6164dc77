using Orchestrator.Core.SelfEditing;

namespace Orchestrator.Core.Tests.SelfEditing;

public sealed class EvaluatorEditGateTests
{
    [Fact]
    public void More_labels_at_the_same_precision_pass()
    {
        Assert.Null(EvaluatorEditGate.Judge(new(100, 100, 97), new(300, 100, 96)));
    }

    [Fact]
    public void More_labels_at_a_lower_precision_are_refused_with_both_numbers()
    {
        var rejection = EvaluatorEditGate.Judge(new(100, 100, 97), new(300, 100, 80));

        Assert.NotNull(rejection);
        Assert.Equal("audited precision fell from 0.970 to 0.800 (more than the 0.020 allowed) while kept labels went from 100 to 300", rejection.Reason);
    }

    [Fact]
    public void An_edit_whose_labels_were_not_audited_cannot_pass_unless_it_kept_nothing()
    {
        Assert.NotNull(EvaluatorEditGate.Judge(new(100, 100, 97), new(50, 0, 0)));
        Assert.Null(EvaluatorEditGate.Judge(new(100, 100, 97), new(0, 0, 0)));
    }
}
