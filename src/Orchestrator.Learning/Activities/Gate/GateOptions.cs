using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop;

namespace Orchestrator.Learning.Activities.Gate;

public sealed class GateOptions
{
    [Input("the candidate version, NAME@VERSION", Required = true)]
    public string Candidate { get; set; } = "";

    [Input("the champion it must beat: NAME@VERSION or NAME@ALIAS", Required = true)]
    public string Champion { get; set; } = "";

    [Input("the task whose protected items are used", Required = true)]
    public string Task { get; set; } = "";

    [Input("the lengths the candidate must be better on (the round's targets)", Required = true)]
    public List<int> Targets { get; set; } = [];

    [Input("fresh protected items per length")]
    public int Items { get; set; } = 512;

    [Input("one-sided McNemar significance level for this decision")]
    public double Alpha { get; set; } = 0.01;

    [Input("the most alpha this run may spend on gate decisions in all")]
    public double AlphaBudget { get; set; } = 0.2;

    [Input("how far below mastery the candidate's lower bound may fall on a length the champion has mastered (0: none, so a promotion never lowers the frontier)")]
    public double MaxRegression { get; set; }

    [Input("the Clopper-Pearson lower bound that makes a length mastered")]
    public double Mastery { get; set; } = 0.95;

    [Input("confidence of the Clopper-Pearson bounds")]
    public double Confidence { get; set; } = 0.95;

    [Input("the champion's frontier as its own gate measured it; given, the champion is scored only on the targets (every length up to it must stay mastered by the candidate), about half the work; empty measures it here")]
    public int? ChampionFrontier { get; set; }

    [Input("re-check a winner on a second fresh set of protected items before passing it")]
    public bool Recheck { get; set; } = true;

    [Input("lengths past the longest target to probe while the candidate still masters them")]
    public int ScanBeyond { get; set; } = 4;

    [Input("sequences decoded at once")]
    public int Batch { get; set; } = 512;

    [Input("looks of a group-sequential gate: 3 scores 1/4, 1/2 and all of the items, stopping once each question is settled, with alpha and confidence spent across the looks so the error rates stay those of one look; 1 scores every item at once")]
    public int Looks { get; set; } = 1;
}

public sealed class GateOptionsValidator : AbstractValidator<GateOptions>
{
    public GateOptionsValidator(LoopServices services)
    {
        RuleFor(o => o.Candidate).Matches(@"^[^@\s]+@\d+$").WithMessage("candidate must name one version, NAME@VERSION, e.g. \"${steps.train.output.model}\"");
        RuleFor(o => o.Champion).NotEmpty().WithMessage("champion must name a version or alias, e.g. addition@champion");
        RuleFor(o => o.Task).Must(services.Tasks.Names.Contains).WithMessage(o => services.UnknownTask(o.Task));
        RuleFor(o => o.Targets).NotEmpty().WithMessage("targets must list at least one length")
            .Must(t => t.All(n => n is >= 1 and <= 10_000)).WithMessage("every target length must be between 1 and 10,000");
        RuleFor(o => o.Items).InclusiveBetween(16, 1_000_000).WithMessage("items must be between 16 and 1,000,000 per length");
        RuleFor(o => o.Alpha).Must(a => a is > 0 and < 0.5).WithMessage("alpha must be above 0 and below 0.5 (e.g. 0.01)");
        RuleFor(o => o.AlphaBudget).Must((o, b) => b >= o.Alpha && b <= 1).WithMessage("alphaBudget must be at least alpha and at most 1");
        RuleFor(o => o.MaxRegression).InclusiveBetween(0, 1).WithMessage("maxRegression must be between 0 and 1");
        RuleFor(o => o.Mastery).Must(m => m is > 0 and <= 1).WithMessage("mastery must be above 0 and at most 1");
        RuleFor(o => o.Confidence).Must(c => c is > 0.5 and < 1).WithMessage("confidence must be above 0.5 and below 1");
        RuleFor(o => o.ChampionFrontier).GreaterThanOrEqualTo(0).WithMessage("championFrontier must be 0 or more (or left empty to measure it)");
        RuleFor(o => o.ScanBeyond).InclusiveBetween(0, 1000).WithMessage("scanBeyond must be between 0 and 1000");
        RuleFor(o => o.Batch).InclusiveBetween(1, 65_536).WithMessage("batch must be between 1 and 65,536");
        RuleFor(o => o.Looks).InclusiveBetween(1, 6).WithMessage("looks must be between 1 and 6 (3 looks at 64, 128 and 256 of 256 items)")
            .Must((o, looks) => o.Items >= 1 << (looks - 1)).WithMessage(o => $"{o.Looks} looks need at least {1 << (o.Looks - 1)} items a length; raise items or lower looks");
    }
}
