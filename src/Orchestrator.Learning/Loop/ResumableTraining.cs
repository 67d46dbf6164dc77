using Stopwatch = System.Diagnostics.Stopwatch;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Registry;
using Orchestrator.Learning.Checkpoints;
using Orchestrator.Learning.Training;

namespace Orchestrator.Learning.Loop;

/// <summary>
/// Runs a training step so that a crash or a cancel costs at most the steps since the last checkpoint: the
/// checkpoint lives at a path fixed by the run and step, so a redelivered step resumes from it instead of
/// starting again, and it is deleted once the result is registered.
/// </summary>
public sealed class ResumableTraining
{
    private ResumableTraining(TrainingSession session, string checkpointPath, bool resumed) =>
        (Session, CheckpointPath, Resumed) = (session, checkpointPath, resumed);

    public TrainingSession Session { get; }
    public string CheckpointPath { get; }

    /// <summary>True when this attempt continued an earlier attempt's checkpoint.</summary>
    public bool Resumed { get; }

    /// <summary>
    /// What earlier attempts spent up to the checkpoint this one continued (none for a fresh start). A model's
    /// lineage counts it with this attempt's outcome, or a run killed mid-training would record less compute than
    /// the same run uninterrupted, for the same weights.
    /// </summary>
    public ComputeSpent Earlier { get; private init; } = ComputeSpent.None;

    /// <summary>The compute that produced the session's model: <see cref="Earlier"/> plus <paramref name="outcome"/> of this attempt.</summary>
    public ComputeSpent Spent(TrainingOutcome outcome) => new(outcome.Step, Earlier.Tokens + outcome.Tokens, Earlier.Seconds + outcome.Seconds);

    /// <summary>Resumes this step's checkpoint if one exists (and is sound), or starts with <paramref name="start"/>.</summary>
    public static ResumableTraining Open(LearningServices services, ActivityContext context, TrainingOptions options, Func<TrainingSession> start)
    {
        var path = options.CheckpointPath!;
        if (File.Exists(path))
        {
            try
            {
                var session = TrainingSession.Resume(path, services.Device, options);
                context.Log($"resuming training from its checkpoint at step {session.Step} of {options.TotalSteps}");
                return new ResumableTraining(session, path, true) { Earlier = new ComputeSpent(session.Step, session.Tokens, session.Seconds) };
            }
            catch (CheckpointException e)
            {
                context.Log($"the step's training checkpoint is unusable, training again from the start: {e.Message}");
            }
        }
        return new ResumableTraining(start(), path, false);
    }

    /// <summary>Trains to the end, reporting progress; on cancel the checkpoint is written and the cancel rethrown.</summary>
    public TrainingOutcome Train(IExampleSource source, ActivityContext context, CancellationToken cancellationToken, int? stopAtStep = null)
    {
        var clock = Stopwatch.StartNew();
        var startStep = Session.Step;
        return Session.Train(source, progress =>
        {
            var done = progress.Step - startStep;
            var perStep = clock.Elapsed / Math.Max(done, 1);
            context.Progress(new StepProgress("train", progress.Step, progress.TotalSteps)
            {
                Loss = progress.Loss,
                TokensPerSecond = progress.TokensPerSecond,
                Remaining = perStep * (progress.TotalSteps - progress.Step),
                Detail = $"lr {progress.LearningRate:0.0e0}",
            });
        }, cancellationToken, stopAtStep);
    }

    /// <summary>Removes the checkpoint once its result is safely registered.</summary>
    public void Complete()
    {
        Session.Dispose();
        if (File.Exists(CheckpointPath)) File.Delete(CheckpointPath);
    }
}
