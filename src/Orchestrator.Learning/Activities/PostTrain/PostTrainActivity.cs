using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Registry;
using Orchestrator.Learning.Checkpoints;
using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Training;

namespace Orchestrator.Learning.Activities.PostTrain;

/// <summary>
/// <c>learning/post-train</c>: continues training a model version on a dataset and registers the result as a new
/// candidate version with full lineage (parent, run, dataset, evaluator, seed, compute). Only the gate and
/// <c>registry/promote</c> decide whether it becomes the champion.
/// </summary>
public sealed class PostTrainActivity(LearningServices services)
    : Activity<PostTrainOptions, PostTrainOutput>("learning/post-train", "Continues training a model version on a dataset and registers a candidate version.", new PostTrainOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(PostTrainOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var meter = new ComputeMeter();
        var (parent, problem) = await ModelVersions.TryLoadAsync(services, options.Model, cancellationToken);
        if (parent is null) return Failed("model-unavailable", problem!);

        using (parent)
        {
            // Counted before training, which may take the parent's weights over and dispose them with its session.
            var parameters = parent.Model.ParameterCount;
            if (await ModelVersions.FindRegisteredByAsync(services.Loop.Models, parent.Version.Name, context, cancellationToken) is { } registered)
            {
                context.Log($"{registered.Reference} was already registered by this step; not training again");
                return Done(Output(registered, parent.Version, parameters, meter));
            }

            var records = await JsonLinesArtifact.ReadAsync<TrainingRecord>(services.Loop.Artifacts, options.Dataset, $"input 'dataset' of step {context.StepKey}", cancellationToken);
            var source = new WeightedExampleSource(records, parent.Tokenizer);
            var seed = context.Random.NextInt64(1, long.MaxValue);
            var trainingOptions = options.ToTrainingOptions(seed, ModelVersions.TrainingCheckpointPath(services, context));
            var training = ResumableTraining.Open(services, context, trainingOptions, () => TrainingSession.Continue(parent.Model, trainingOptions, parent.Tokenizer.Alphabet));
            var outcome = training.Train(source, context, cancellationToken);

            var lineage = new ModelLineage
            {
                ParentVersion = parent.Version.Version,
                DatasetHash = options.Dataset,
                Evaluator = options.Evaluator.Length == 0 ? null : options.Evaluator,
                Teacher = options.Teacher.Length == 0 ? null : options.Teacher,
                Seed = seed,
                Compute = training.Spent(outcome),
            };
            var metrics = new JsonObject { ["loss"] = outcome.LastLoss, ["tokensPerSecond"] = Math.Round(outcome.TokensPerSecond), ["totalSteps"] = parent.TrainedSteps + outcome.Step };
            if (parent.Version.Metrics[ModelVersions.TaskMetric] is { } task) metrics[ModelVersions.TaskMetric] = task.DeepClone();
            var version = await ModelVersions.RegisterAsync(services, context, parent.Version.Name, training.Session.Model, parent.Tokenizer,
                parent.TrainedSteps + outcome.Step, lineage, metrics, $"candidate from {parent.Version.Reference}: {outcome.Step} steps on {records.Count} items{(options.Teacher.Length > 0 ? $" answered by {options.Teacher}" : "")}", cancellationToken);
            training.Complete();
            context.Log($"registered candidate {version.Reference}: loss {outcome.LastLoss:0.0000}, {outcome.TokensPerSecond:0} tokens/s");
            return Done(Output(version, parent.Version, parameters, meter));
        }
    }

    /// <summary>
    /// The step's output. Its compute is that of the tokens behind the candidate (those of an interrupted attempt it
    /// resumed included), so a redelivered step reports what the first delivery would have; its CPU time is this delivery's.
    /// </summary>
    private static PostTrainOutput Output(ModelVersion version, ModelVersion parent, long parameters, ComputeMeter meter)
    {
        meter.AddTraining(parameters, version.Lineage.Compute.Tokens);
        return new PostTrainOutput
        {
            Model = version.Reference,
            Version = version.Version,
            Parent = parent.Reference,
            Steps = (int)version.Lineage.Compute.TrainingSteps,
            Tokens = version.Lineage.Compute.Tokens,
            Seconds = Math.Round(version.Lineage.Compute.Seconds, 1),
            Loss = version.Metrics["loss"]?.GetValue<double>() ?? double.NaN,
            TokensPerSecond = version.Metrics["tokensPerSecond"]?.GetValue<double>() ?? 0,
            Gflop = meter.Gflop,
            CpuSeconds = meter.CpuSeconds,
        };
    }
}
