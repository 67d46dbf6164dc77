using System.Diagnostics;
using Orchestrator.Learning.Checkpoints;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Training;

/// <summary>
/// One training run: a model, its AdamW optimizer, the step counter and the data random source. Everything
/// needed to continue is written to checkpoints, so a run interrupted at any step resumes to the same weights
/// as an uninterrupted run with the same seed.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly AdamW optimizer;
    private readonly SeededRandom random;
    private readonly IList<Tensor> parameters;

    private TrainingSession(DecoderTransformer model, TrainingOptions options, string alphabet, int step, SeededRandom random, long tokens = 0, double seconds = 0)
    {
        Model = model;
        Options = options;
        Alphabet = alphabet;
        Step = step;
        Tokens = tokens;
        Seconds = seconds;
        this.random = random;
        parameters = [.. model.parameters()];
        optimizer = torch.optim.AdamW(model.parameters(), options.LearningRate, options.Beta1, options.Beta2, 1e-8, options.WeightDecay);
    }

    /// <summary>The model being trained.</summary>
    public DecoderTransformer Model { get; }

    /// <summary>The run's options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The tokenizer alphabet the model's ids mean, recorded in checkpoints.</summary>
    public string Alphabet { get; }

    /// <summary>Threads that compute each step's micro-batches side by side (see <see cref="TrainingOptions.Workers"/>).</summary>
    public int Workers => GradientWorkers.Count(Options, Model.parameters().First().device, Options.LengthBuckets);

    /// <summary>Optimizer steps taken.</summary>
    public int Step { get; private set; }

    /// <summary>Input tokens trained on since step 0, across resumes: checkpoints carry it, as they carry <see cref="Step"/>.</summary>
    public long Tokens { get; private set; }

    /// <summary>Training wall time since step 0, across resumes (up to the checkpoint each resumed from).</summary>
    public double Seconds { get; private set; }

    /// <summary>A new run from freshly initialised weights, seeded by <see cref="TrainingOptions.Seed"/>.</summary>
    public static TrainingSession Start(TransformerConfig config, TrainingOptions options, Device device, string alphabet)
    {
        options.Validate();
        var model = TorchSeeding.Create(options.Seed, () => new DecoderTransformer(config)).to(device);
        return new TrainingSession(model, options, alphabet, 0, new SeededRandom(options.Seed));
    }

    /// <summary>A new run continuing an existing model's weights with a fresh optimizer (post-training a model version).</summary>
    public static TrainingSession Continue(DecoderTransformer model, TrainingOptions options, string alphabet)
    {
        options.Validate();
        return new TrainingSession(model, options, alphabet, 0, new SeededRandom(options.Seed));
    }

    /// <summary>
    /// The run saved in a training checkpoint, continuing at its step with its optimizer and random state.
    /// Its own options are used unless <paramref name="options"/> overrides them.
    /// </summary>
    /// <exception cref="CheckpointException">The file is unusable, or it is a model-only checkpoint.</exception>
    public static TrainingSession Resume(string checkpointPath, Device device, TrainingOptions? options = null)
    {
        var checkpoint = CheckpointFile.Read(checkpointPath);
        var header = checkpoint.Header;
        if (checkpoint.OptimizerState is null || header.RandomState is null || header.Training is null)
        {
            throw new CheckpointException(checkpointPath, "holds a model only, not a training run; it cannot be resumed (start a new run from its model instead).");
        }

        options ??= header.Training;
        options.Validate();
        var model = checkpoint.CreateModel(checkpointPath, device);
        var session = new TrainingSession(model, options, header.Alphabet, header.Step, SeededRandom.FromState(header.RandomState), header.TrainedTokens, header.TrainedSeconds);
        try
        {
            using var stream = new MemoryStream(checkpoint.OptimizerState, writable: false);
            using var reader = new BinaryReader(stream);
            session.optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            session.Dispose();
            throw new CheckpointException(checkpointPath, $"its optimizer state does not fit the model: {e.Message}", e);
        }

        if (header.TorchRandomState is { } torchState)
        {
            using var state = torch.tensor(torchState, dtype: ScalarType.Byte);
            torch.set_rng_state(state);
        }

        return session;
    }

    /// <summary>
    /// Trains until <see cref="TrainingOptions.TotalSteps"/> (or <paramref name="stopAtStep"/>, if earlier), drawing
    /// batches from <paramref name="source"/>, reporting every <see cref="TrainingOptions.ProgressEvery"/> steps and
    /// writing periodic checkpoints.
    /// </summary>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellation"/> fired; a checkpoint of the last finished step was written first (when a path is set).
    /// </exception>
    public TrainingOutcome Train(IExampleSource source, Action<TrainingProgress>? progress = null, CancellationToken cancellation = default, int? stopAtStep = null)
    {
        var end = Math.Min(stopAtStep ?? Options.TotalSteps, Options.TotalSteps);
        var schedule = Options.Schedule;
        var device = Model.parameters().First().device;
        Model.train();
        var workers = Workers;
        using var intraOp = workers > 1 ? IntraOpThreads.Limit(1) : null;

        var total = Stopwatch.StartNew();
        var secondsBefore = Seconds;
        var window = Stopwatch.StartNew();
        long totalTokens = 0, windowTokens = 0;
        double windowLoss = 0, firstLoss = double.NaN, lastLoss = double.NaN;
        var windowSteps = 0;
        while (Step < end)
        {
            if (cancellation.IsCancellationRequested)
            {
                if (Options.CheckpointPath is { } path)
                {
                    SaveCheckpoint(path);
                }

                cancellation.ThrowIfCancellationRequested();
            }

            var examples = new TrainingExample[Options.BatchSize];
            for (var i = 0; i < examples.Length; i++)
            {
                examples[i] = source.Next(random);
            }

            var rate = schedule.RateAt(Step);
            var (loss, tokens) = TakeStep(examples, rate, workers, device);
            Step++;
            if (double.IsNaN(firstLoss))
            {
                firstLoss = loss;
            }

            (windowLoss, windowSteps, windowTokens, totalTokens) = (windowLoss + loss, windowSteps + 1, windowTokens + tokens, totalTokens + tokens);
            Tokens += tokens;
            Seconds = secondsBefore + total.Elapsed.TotalSeconds;
            if (Options.CheckpointEvery > 0 && Step % Options.CheckpointEvery == 0)
            {
                SaveCheckpoint(Options.CheckpointPath!);
            }

            if (Step % Options.ProgressEvery == 0 || Step == end)
            {
                lastLoss = windowLoss / windowSteps;
                progress?.Invoke(new TrainingProgress(Step, Options.TotalSteps, lastLoss, rate, windowTokens / Math.Max(window.Elapsed.TotalSeconds, 1e-9)));
                (windowLoss, windowSteps, windowTokens) = (0, 0, 0);
                window.Restart();
            }
        }

        return new TrainingOutcome(Step, firstLoss, lastLoss, totalTokens, total.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One optimizer step on <paramref name="examples"/>. The batch is sorted by length and cut into
    /// <see cref="TrainingOptions.LengthBuckets"/> micro-batches whose summed losses are divided by the batch's answer
    /// tokens: the same gradient as one padded batch, without computing on most of the padding. With more than one
    /// worker the micro-batches are shared out to <see cref="GradientWorkers"/>.
    /// </summary>
    private (float Loss, long Tokens) TakeStep(TrainingExample[] examples, double rate, int workers, Device device)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }

        var sorted = examples.OrderBy(example => example.Length).ToArray();
        var answerTokens = (double)examples.Sum(example => example.Answer.Length);
        var bucketSize = (sorted.Length + Options.LengthBuckets - 1) / Options.LengthBuckets;
        var buckets = sorted.Chunk(bucketSize).ToArray();
        var active = Math.Min(workers, buckets.Length);
        double loss = 0;
        long tokens = 0;
        if (active > 1)
        {
            // Each parameter's gradient is replaced by the workers' sum, so there is nothing to zero first.
            var result = GradientWorkers.Compute(GradientWorkers.Deal(buckets, active), parameters, BucketLoss);
            for (var i = 0; i < parameters.Count; i++)
            {
                parameters[i].grad = result.Gradients[i];
                result.Gradients[i].Dispose(); // the parameter keeps its own reference
            }

            (loss, tokens) = (result.Loss, result.Tokens);
        }
        else
        {
            optimizer.zero_grad();
            foreach (var bucket in buckets)
            {
                using var scope = torch.NewDisposeScope();
                var (bucketLoss, bucketTokens) = BucketLoss(bucket);
                bucketLoss.backward();
                loss += bucketLoss.item<float>();
                tokens += bucketTokens;
            }
        }

        if (Options.GradientClipNorm > 0)
        {
            nn.utils.clip_grad_norm_(Model.parameters(), Options.GradientClipNorm);
        }

        using (torch.NewDisposeScope())
        {
            optimizer.step();
        }

        return ((float)loss, tokens);

        (Tensor Loss, long Tokens) BucketLoss(TrainingExample[] bucket) => MicroBatchLoss(Model, bucket, answerTokens, device);
    }

    /// <summary>
    /// The summed cross-entropy of <paramref name="bucket"/>'s answer tokens divided by <paramref name="answerTokens"/>
    /// (the whole step's), and the bucket's real tokens. Safe to call from several threads at once.
    /// </summary>
    internal static (Tensor Loss, long Tokens) MicroBatchLoss(DecoderTransformer model, TrainingExample[] bucket, double answerTokens, Device device)
    {
        using var batch = TrainingBatch.Create(bucket, device);
        using Scalar divisor = answerTokens; // held for the call (see KeptScalars)
        var logits = model.call(batch.Inputs);
        var loss = nn.functional.cross_entropy(
            logits.view(-1, model.Config.VocabularySize), batch.Targets.view(-1), ignore_index: TrainingBatch.IgnoredTarget, reduction: nn.Reduction.Sum).div(divisor);
        return (loss, batch.Tokens);
    }

    /// <summary>Writes everything needed to resume this run at its current step.</summary>
    public void SaveCheckpoint(string path)
    {
        byte[] optimizerState;
        using (var stream = new MemoryStream())
        {
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                optimizer.save_state_dict(writer);
            }

            optimizerState = stream.ToArray();
        }

        byte[] torchState;
        using (var state = torch.get_rng_state())
        {
            torchState = state.data<byte>().ToArray();
        }

        var header = new CheckpointHeader(CheckpointFile.FormatVersion, Model.Config, Alphabet, Step, Options, random.State, torchState, 0, 0, Tokens, Seconds);
        CheckpointFile.Write(path, header, CheckpointFile.ModelState(Model), optimizerState);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        optimizer.Dispose();
        Model.Dispose();
    }
}
