using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Learning.Training;

namespace Orchestrator.Learning.Loop;

/// <summary>The training inputs pretraining and post-training share.</summary>
public abstract class TrainingInputs
{
    [Input("optimizer steps")]
    public int Steps { get; set; } = 400;

    [Input("examples per step")]
    public int Batch { get; set; } = 128;

    [Input("peak learning rate (AdamW)")]
    public double Lr { get; set; } = 1e-3;

    [Input("steps of linear warmup to the peak rate")]
    public int Warmup { get; set; } = 20;

    [Input("final steps over which the rate decays linearly to lrFinal x lr; a run too short for warmup + decay decays over every step after the warmup")]
    public int Decay { get; set; } = 100;

    [Input("the rate at the end of the decay, as a fraction of lr")]
    public double LrFinal { get; set; } = 0.1;

    [Input("AdamW weight decay (decoupled; pulls weights toward zero every step)")]
    public double WeightDecay { get; set; } = 0.01;

    [Input("write a resumable training checkpoint every this many steps")]
    public int CheckpointEvery { get; set; } = 100;

    /// <summary>
    /// The decay the run gets: all of <see cref="Decay"/> when it fits after the warmup, else every step after it. The
    /// number of steps is a tunable a self-edit may halve; the schedule's shape follows it rather than refusing the
    /// edit, so a procedure's step count can be searched without editing its schedule in the same patch.
    /// </summary>
    private int FittedDecay => Math.Max(0, Math.Min(Decay, Steps - Warmup));

    /// <summary>The trainer's options for these inputs.</summary>
    public TrainingOptions ToTrainingOptions(long seed, string checkpointPath) => new()
    {
        TotalSteps = Steps,
        BatchSize = Batch,
        LearningRate = Lr,
        WarmupSteps = Warmup,
        DecaySteps = FittedDecay,
        FinalLearningRateFactor = LrFinal,
        WeightDecay = WeightDecay,
        Seed = seed,
        CheckpointEvery = CheckpointEvery,
        CheckpointPath = checkpointPath,
        ProgressEvery = Math.Clamp(Steps / 40, 5, 50),
    };
}

/// <summary>Checks <see cref="TrainingInputs"/> before any compute is spent.</summary>
public abstract class TrainingInputsValidator<T> : AbstractValidator<T> where T : TrainingInputs
{
    protected TrainingInputsValidator()
    {
        RuleFor(o => o.Steps).InclusiveBetween(1, 10_000_000).WithMessage("steps must be between 1 and 10,000,000");
        RuleFor(o => o.Batch).InclusiveBetween(1, 65_536).WithMessage("batch must be between 1 and 65,536");
        RuleFor(o => o.Lr).Must(lr => lr > 0 && lr <= 1 && double.IsFinite(lr)).WithMessage("lr must be a positive learning rate, at most 1 (e.g. 1.0e-3)");
        RuleFor(o => o.Warmup).GreaterThanOrEqualTo(0).WithMessage("warmup must be 0 or more steps");
        RuleFor(o => o.Decay).GreaterThanOrEqualTo(0).WithMessage("decay must be 0 or more steps");
        RuleFor(o => o).Must(o => o.Warmup <= o.Steps).WithName("warmup")
            .WithMessage(o => $"warmup ({o.Warmup}) must fit in steps ({o.Steps})");
        RuleFor(o => o.LrFinal).InclusiveBetween(0, 1).WithMessage("lrFinal must be between 0 and 1");
        RuleFor(o => o.WeightDecay).InclusiveBetween(0, 1).WithMessage("weightDecay must be between 0 and 1 (e.g. 0.01)");
        RuleFor(o => o.CheckpointEvery).GreaterThanOrEqualTo(0).WithMessage("checkpointEvery must be 0 (never) or more steps");
    }
}
