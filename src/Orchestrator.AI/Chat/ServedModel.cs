using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Sampling;

namespace Orchestrator.AI.Chat;

/// <summary>A checkpoint loaded for serving: its weights, the task whose readable form it speaks, and its batcher.</summary>
public sealed class ServedModel : IAsyncDisposable
{
    private readonly GenerationBatcher _batcher;

    internal ServedModel(LoadedModel model, ITaskFamily task, IChatForm form, int maxBatch, TimeSpan linger)
    {
        Model = model;
        Task = task;
        Form = form;
        _batcher = new GenerationBatcher(new RowSampler(model.Model), maxBatch, linger);
    }

    public LoadedModel Model { get; }
    public ITaskFamily Task { get; }
    public IChatForm Form { get; }

    /// <summary>Batches run on this checkpoint and the rows they held.</summary>
    public (long Batches, long Rows) BatchCounts => _batcher.Counts;

    /// <summary>The most tokens a continuation of <paramref name="promptTokens"/> may have, where the model's positions end.</summary>
    public int MostNewTokens(int promptTokens) => Model.Model.Config.Positions == Learning.Model.PositionalEncoding.None
        ? 4096
        : Math.Max(0, Model.Model.Config.MaxSequenceLength - promptTokens);

    internal Task<SampledAnswer> GenerateAsync(SamplingRow row, Action<int>? onToken, CancellationToken cancellationToken) =>
        _batcher.GenerateAsync(row, onToken, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _batcher.DisposeAsync();
        Model.Dispose();
    }
}
