using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Tests.TestSupport;
using Orchestrator.Learning.Tokenization;
using Orchestrator.Learning.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace Orchestrator.Learning.Tests.Training;

public sealed class TrainingSessionTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("orchestrator-learning-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Training_on_short_additions_lowers_the_loss_and_answers_held_out_items()
    {
        var tokenizer = CharTokenizer.Arithmetic;

        // Held-out items come from their own seed and are kept out of the training stream.
        var random = new SeededRandom(1234);
        var heldOut = new List<(string A, string B)>();
        while (heldOut.Count < 200)
        {
            var item = (ReversedAddition.RandomOperand(random, random.NextInt(1, 3)), ReversedAddition.RandomOperand(random, random.NextInt(1, 3)));
            if (item.Item1.Length + item.Item2.Length > 2 && !heldOut.Contains(item))
            {
                heldOut.Add(item);
            }
        }

        var excluded = heldOut.Select(item => ReversedAddition.Prompt(item.A, item.B)).ToHashSet();
        var source = new ExcludingSource(new AdditionExampleSource(tokenizer, 1, 3), excluded, tokenizer);
        var config = new TransformerConfig(tokenizer.VocabularySize, Layers: 2, Width: 64, Heads: 4, MlpWidth: 256);
        var options = new TrainingOptions
        {
            TotalSteps = 1500,
            BatchSize = 64,
            LearningRate = 5e-3,
            WarmupSteps = 100,
            DecaySteps = 300,
            Seed = 11,
            ProgressEvery = 250,
        };

        using var session = TrainingSession.Start(config, options, torch.CPU, tokenizer.Alphabet);
        var reports = new List<TrainingProgress>();
        var outcome = session.Train(source, reports.Add);
        var accuracy = TinyModels.ExactMatch(session.Model, heldOut);

        foreach (var report in reports)
        {
            output.WriteLine($"step {report.Step}: loss {report.Loss:F3}, lr {report.LearningRate:G3}, {report.TokensPerSecond:F0} tokens/s");
        }

        output.WriteLine($"{session.Model.ParameterCount} parameters; first loss {outcome.FirstLoss:F3}, last {outcome.LastLoss:F3}; " +
            $"{outcome.TokensPerSecond:F0} tokens/s; held-out exact match {accuracy:P1}");
        Assert.Equal(1500, outcome.Step);
        Assert.Equal(6, reports.Count);
        Assert.True(outcome.LastLoss < outcome.FirstLoss / 3, $"loss went from {outcome.FirstLoss} to {outcome.LastLoss}");
        Assert.True(reports[^1].Loss < reports[0].Loss / 2, $"windowed loss went from {reports[0].Loss} to {reports[^1].Loss}");

        // Guessing an exact answer of 2 to 4 digits succeeds far below 1% of the time; this model, measured,
        // gets about 30% right after 1,500 steps (NoPE needs longer to align digits without positions).
        Assert.True(accuracy >= 0.15, $"held-out exact match {accuracy:P1}");
    }

    [Fact]
    public void Resuming_from_a_mid_training_checkpoint_gives_the_weights_of_an_uninterrupted_run()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var source = new AdditionExampleSource(tokenizer, 1, 3);
        var options = TinyModels.QuickOptions(seed: 21, steps: 60);

        float[] uninterrupted;
        long tokens;
        using (var session = TrainingSession.Start(TinyModels.Config(), options, torch.CPU, tokenizer.Alphabet))
        {
            session.Train(source);
            uninterrupted = TinyModels.Weights(session.Model);
            tokens = session.Tokens;
        }

        var checkpoint = Path.Combine(folder, "run.ckpt");
        using (var session = TrainingSession.Start(TinyModels.Config(), options with { CheckpointEvery = 10, CheckpointPath = checkpoint }, torch.CPU, tokenizer.Alphabet))
        {
            // Stops after step 35: the last checkpoint is step 30, so the resumed run redoes five steps.
            session.Train(source, stopAtStep: 35);
        }

        // Something else uses Torch's generator in between, as another run in the same process would.
        torch.manual_seed(999);
        using (torch.rand(100))
        {
        }

        using var resumed = TrainingSession.Resume(checkpoint, torch.CPU);
        Assert.Equal(30, resumed.Step);
        resumed.Train(source);
        Assert.Equal(60, resumed.Step);

        // Bit-equal on CPU: same batches (our random state is restored), same optimizer moments and step count.
        Assert.Equal(uninterrupted, TinyModels.Weights(resumed.Model));
        // And the same compute: the checkpoint carries the tokens trained before it, as it carries the step.
        Assert.Equal(tokens, resumed.Tokens);
    }

    [Fact]
    public void Cancellation_checkpoints_the_last_finished_step_and_stops()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var checkpoint = Path.Combine(folder, "cancelled.ckpt");
        var options = TinyModels.QuickOptions(seed: 31, steps: 1000) with { CheckpointPath = checkpoint, ProgressEvery = 1 };
        using var cancellation = new CancellationTokenSource();
        using var session = TrainingSession.Start(TinyModels.Config(), options, torch.CPU, tokenizer.Alphabet);

        Assert.Throws<OperationCanceledException>(() => session.Train(
            new AdditionExampleSource(tokenizer, 1, 2),
            progress => { if (progress.Step == 7) { cancellation.Cancel(); } },
            cancellation.Token));

        Assert.Equal(7, session.Step);
        using var resumed = TrainingSession.Resume(checkpoint, torch.CPU);
        Assert.Equal(7, resumed.Step);
        Assert.Equal(TinyModels.Weights(session.Model), TinyModels.Weights(resumed.Model));
    }

    [Fact]
    public void Same_seed_gives_the_same_weights()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var options = TinyModels.QuickOptions(seed: 41, steps: 15);
        float[] Run()
        {
            using var session = TrainingSession.Start(TinyModels.Config(), options, torch.CPU, tokenizer.Alphabet);
            session.Train(new AdditionExampleSource(tokenizer, 1, 3));
            return TinyModels.Weights(session.Model);
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Length_buckets_take_the_same_step_as_one_padded_batch()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        (double Loss, float[] Weights) Run(int buckets)
        {
            var options = TinyModels.QuickOptions(seed: 51, steps: 5) with { LengthBuckets = buckets };
            using var session = TrainingSession.Start(TinyModels.Config(), options, torch.CPU, tokenizer.Alphabet);
            var outcome = session.Train(new AdditionExampleSource(tokenizer, 1, 4));
            return (outcome.FirstLoss, TinyModels.Weights(session.Model));
        }

        var padded = Run(1);
        var bucketed = Run(4);

        // Equal up to float summation order. Adam divides by the gradient's running RMS, which magnifies rounding
        // in near-zero gradients to ~1e-4 on a few weights; a different step would move weights by ~lr (3e-3) everywhere.
        Assert.Equal(padded.Loss, bucketed.Loss, 5);
        Assert.All(padded.Weights.Zip(bucketed.Weights), pair => Assert.True(Math.Abs(pair.First - pair.Second) < 1e-3, $"{pair.First} vs {pair.Second}"));
    }

    [Fact]
    public void Two_workers_take_the_same_step_as_one_and_leave_the_thread_count_as_it_was()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var threadsBefore = torch.get_num_threads();
        (double Loss, float[] Weights, int Workers) Run(int workers)
        {
            var options = TinyModels.QuickOptions(seed: 61, steps: 5) with { LengthBuckets = 4, Workers = workers };
            using var session = TrainingSession.Start(TinyModels.Config(), options, torch.CPU, tokenizer.Alphabet);
            var outcome = session.Train(new AdditionExampleSource(tokenizer, 1, 4));
            return (outcome.FirstLoss, TinyModels.Weights(session.Model), session.Workers);
        }

        var one = Run(1);
        var two = Run(2);

        Assert.Equal((1, 2), (one.Workers, two.Workers));
        Assert.Equal(threadsBefore, torch.get_num_threads());
        // Equal up to float summation order (see the bucket test above for the tolerance).
        Assert.Equal(one.Loss, two.Loss, 5);
        Assert.All(one.Weights.Zip(two.Weights), pair => Assert.True(Math.Abs(pair.First - pair.Second) < 1e-3, $"{pair.First} vs {pair.Second}"));
    }

    [Fact]
    public void Workers_sum_their_gradients_in_a_fixed_order_so_a_run_repeats_exactly()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        float[] Run()
        {
            var options = TinyModels.QuickOptions(seed: 71, steps: 8) with { LengthBuckets = 6, Workers = 3 };
            using var session = TrainingSession.Start(TinyModels.Config(), options, torch.CPU, tokenizer.Alphabet);
            session.Train(new AdditionExampleSource(tokenizer, 1, 4));
            return TinyModels.Weights(session.Model);
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public async Task Workers_survive_garbage_collections_while_they_compute()
    {
        // A Torch call whose managed arguments (e.g. a Scalar) are no longer referenced can have them finalized by a
        // collection another thread starts mid-call. Collect continuously while two workers compute to expose any.
        var tokenizer = CharTokenizer.Arithmetic;
        var source = new AdditionExampleSource(tokenizer, 1, 4);
        var random = new SeededRandom(91);
        using var model = TorchSeeding.Create(91, () => new DecoderTransformer(TinyModels.Config()));
        IList<torch.Tensor> parameters = [.. model.parameters()];
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });

        var finite = 0;
        using (IntraOpThreads.Limit(1))
        {
            for (var step = 0; step < 300; step++)
            {
                var examples = Enumerable.Range(0, 32).Select(_ => source.Next(random)).OrderBy(e => e.Length).ToArray();
                var answerTokens = (double)examples.Sum(e => e.Answer.Length);
                var shares = GradientWorkers.Deal(examples.Chunk(8).ToArray(), 2);
                var result = GradientWorkers.Compute(shares, parameters, bucket => TrainingSession.MicroBatchLoss(model, bucket, answerTokens, torch.CPU));
                finite += double.IsFinite(result.Loss) && result.Gradients.All(g => g.isfinite().all().item<bool>()) ? 1 : 0;
                foreach (var gradient in result.Gradients) gradient.Dispose();
            }
        }

        await stop.CancelAsync();
        await collector;
        Assert.Equal(300, finite);
    }

    [Fact]
    public void More_workers_than_buckets_use_one_per_bucket()
    {
        var options = TinyModels.QuickOptions(seed: 1, steps: 1) with { LengthBuckets = 2, Workers = 8 };
        Assert.Equal(2, GradientWorkers.Count(options, torch.CPU, options.LengthBuckets));
        Assert.Equal(1, GradientWorkers.Count(options with { LengthBuckets = 1 }, torch.CPU, 1));
    }

    [Fact]
    public void Buckets_are_dealt_in_snake_order_so_short_and_long_ones_are_shared()
    {
        var buckets = Enumerable.Range(0, 6).Select(i => new[] { new TrainingExample([i], [i]) }).ToArray();
        var shares = GradientWorkers.Deal(buckets, 2);
        Assert.Equal([[0, 3, 4], [1, 2, 5]], shares.Select(share => share.Select(bucket => bucket[0].Prompt[0]).ToArray()).ToArray());
    }

    [Fact]
    public void A_negative_worker_count_is_refused_before_training()
    {
        var options = TinyModels.QuickOptions(seed: 1, steps: 1) with { Workers = -1 };
        var error = Assert.Throws<ArgumentException>(() => TrainingSession.Start(TinyModels.Config(), options, torch.CPU, CharTokenizer.Arithmetic.Alphabet));
        Assert.Contains("Workers", error.Message);
    }

    /// <summary>Redraws any example whose prompt is held out.</summary>
    private sealed class ExcludingSource(IExampleSource inner, HashSet<string> excludedPrompts, CharTokenizer tokenizer) : IExampleSource
    {
        public TrainingExample Next(SeededRandom random)
        {
            while (true)
            {
                var example = inner.Next(random);
                if (!excludedPrompts.Contains(tokenizer.Decode(example.Prompt)))
                {
                    return example;
                }
            }
        }
    }
}
