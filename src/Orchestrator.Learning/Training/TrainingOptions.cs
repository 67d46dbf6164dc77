namespace Orchestrator.Learning.Training;

/// <summary>How a <see cref="TrainingSession"/> trains. Defaults follow Lee et al. (2025) where they apply to a small model.</summary>
public sealed record TrainingOptions
{
    /// <summary>Length of the run in optimizer steps; the schedule's decay ends here.</summary>
    public int TotalSteps { get; init; } = 1000;

    /// <summary>Examples per step.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>
    /// Micro-batches of similar length each step is split into (gradients accumulated, so the step is the same);
    /// more buckets waste less compute on padding when lengths vary, at some per-call overhead. 1 = one padded batch.
    /// </summary>
    public int LengthBuckets { get; init; } = 4;

    /// <summary>
    /// CPU threads computing a step's micro-batches side by side, each single-threaded; 0 = one per core (at most one
    /// per bucket). Gradients are summed in a fixed order, so a run repeats exactly for a given number of workers.
    /// </summary>
    public int Workers { get; init; }

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Steps of linear warmup.</summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>Steps of linear decay at the end of the run.</summary>
    public int DecaySteps { get; init; } = 200;

    /// <summary>Learning rate at the end of the decay, as a fraction of the peak.</summary>
    public double FinalLearningRateFactor { get; init; } = 0.1;

    /// <summary>AdamW β1.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2; 0.98 rather than 0.999 reacts faster to the shifting data of self-improvement rounds.</summary>
    public double Beta2 { get; init; } = 0.98;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Largest gradient L2 norm; larger gradients are scaled down to it. 0 turns clipping off.</summary>
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>Seeds the initial weights and the data order.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Write a checkpoint every this many steps (0 = only when asked or cancelled).</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Where periodic and cancellation checkpoints go; null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Report progress every this many steps.</summary>
    public int ProgressEvery { get; init; } = 50;

    /// <summary>The learning-rate schedule these options describe.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LearningRateSchedule Schedule => new(LearningRate, WarmupSteps, DecaySteps, TotalSteps, FinalLearningRateFactor);

    /// <summary>Throws for options that cannot work, before any compute is spent.</summary>
    /// <exception cref="ArgumentException">An out-of-range option, named in the message.</exception>
    public void Validate()
    {
        Check(TotalSteps > 0, nameof(TotalSteps), "must be positive");
        Check(BatchSize > 0, nameof(BatchSize), "must be positive");
        Check(LengthBuckets > 0 && LengthBuckets <= BatchSize, nameof(LengthBuckets), "must be between 1 and BatchSize");
        Check(Workers >= 0, nameof(Workers), "must not be negative (0 = one per core)");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "must be a positive number");
        Check(WarmupSteps >= 0 && DecaySteps >= 0 && WarmupSteps + DecaySteps <= TotalSteps, nameof(WarmupSteps), "and DecaySteps must be non-negative and fit in TotalSteps");
        Check(FinalLearningRateFactor is >= 0 and <= 1, nameof(FinalLearningRateFactor), "must be between 0 and 1");
        Check(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, nameof(Beta2), "and Beta1 must be in [0, 1)");
        Check(WeightDecay >= 0, nameof(WeightDecay), "must not be negative");
        Check(GradientClipNorm >= 0, nameof(GradientClipNorm), "must not be negative");
        Check(CheckpointEvery >= 0, nameof(CheckpointEvery), "must not be negative");
        Check(CheckpointEvery == 0 || CheckpointPath is not null, nameof(CheckpointPath), "is needed when CheckpointEvery is set");
        Check(ProgressEvery > 0, nameof(ProgressEvery), "must be positive");
    }

    private void Check(bool valid, string option, string rule)
    {
        if (!valid)
        {
            throw new ArgumentException($"Training option {option} {rule} (options: {this}).", option);
        }
    }
}
