using Orchestrator.Learning.Model;
using Orchestrator.Learning.Training;

namespace Orchestrator.Learning.Checkpoints;

/// <summary>The readable part of a checkpoint: what it is and how to rebuild what it holds.</summary>
/// <param name="FormatVersion">The checkpoint format; readers refuse versions newer than theirs.</param>
/// <param name="Model">The model's shape, to rebuild it before loading the weights.</param>
/// <param name="Alphabet">The tokenizer's alphabet, so token ids keep their meaning.</param>
/// <param name="Step">Optimizer steps taken so far.</param>
/// <param name="Training">The options of the run that wrote it (null for a model-only checkpoint).</param>
/// <param name="RandomState">State of the run's data random source (null for a model-only checkpoint).</param>
/// <param name="TorchRandomState">Torch's CPU generator state, as far as TorchSharp exposes it.</param>
/// <param name="ModelBytes">Length of the weights section.</param>
/// <param name="OptimizerBytes">Length of the optimizer section (0 for a model-only checkpoint).</param>
/// <param name="TrainedTokens">Input tokens the run had trained on when it wrote this (0 in checkpoints written before it was recorded).</param>
/// <param name="TrainedSeconds">Training wall time the run had spent when it wrote this (likewise 0 before).</param>
public sealed record CheckpointHeader(
    int FormatVersion,
    TransformerConfig Model,
    string Alphabet,
    int Step,
    TrainingOptions? Training,
    ulong[]? RandomState,
    byte[]? TorchRandomState,
    long ModelBytes,
    long OptimizerBytes,
    long TrainedTokens = 0,
    double TrainedSeconds = 0);
