namespace Orchestrator.Learning.Training;

/// <summary>A progress report from a training run.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">Steps the run will do.</param>
/// <param name="Loss">Mean loss per answer token over the steps since the last report.</param>
/// <param name="LearningRate">The rate of the last step.</param>
/// <param name="TokensPerSecond">Input tokens processed per second since the last report.</param>
public readonly record struct TrainingProgress(int Step, int TotalSteps, double Loss, double LearningRate, double TokensPerSecond);
