using Orchestrator.Core.Registry;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Loop;

/// <summary>A registered model version loaded for use: its record, its weights and the tokenizer its ids mean.</summary>
public sealed class LoadedModel(ModelVersion version, DecoderTransformer model, CharTokenizer tokenizer, int trainedSteps) : IDisposable
{
    public ModelVersion Version { get; } = version;
    public DecoderTransformer Model { get; } = model;
    public CharTokenizer Tokenizer { get; } = tokenizer;

    /// <summary>Optimiser steps behind these weights, over the whole lineage.</summary>
    public int TrainedSteps { get; } = trainedSteps;

    public void Dispose() => Model.Dispose();
}
