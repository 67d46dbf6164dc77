using Orchestrator.Learning.Checkpoints;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Sampling;
using Orchestrator.Learning.Tests.TestSupport;
using Orchestrator.Learning.Tokenization;
using Orchestrator.Learning.Training;
using TorchSharp;

namespace Orchestrator.Learning.Tests.Checkpoints;

public sealed class CheckpointFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("orchestrator-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_saved_and_reloaded_model_gives_identical_outputs()
    {
        var path = Path.Combine(folder, "model.ckpt");
        using var model = TrainedTinyModel();
        CheckpointFile.SaveModel(path, model, CharTokenizer.Arithmetic.Alphabet, step: 20);

        using var loaded = CheckpointFile.LoadModel(path, torch.CPU, TinyModels.Config());
        Assert.Equal(TinyModels.Weights(model), TinyModels.Weights(loaded));

        using var tokens = torch.tensor(new long[] { 4, 5, 12, 6, 13, 7 }, [1, 6]);
        using (torch.no_grad())
        {
            model.eval();
            loaded.eval();
            using var expected = model.call(tokens);
            using var actual = loaded.call(tokens);
            Assert.True(expected.allclose(actual, rtol: 0, atol: 0));
        }

        var prompts = TinyModels.AdditionPrompts(seed: 3, count: 20, maxDigits: 3);
        var options = new SamplingOptions(MaxNewTokens: 6);
        Assert.Equal(new Sampler(model).Generate(prompts, options), new Sampler(loaded).Generate(prompts, options));

        var header = CheckpointFile.Read(path).Header;
        Assert.Equal(CheckpointFile.FormatVersion, header.FormatVersion);
        Assert.Equal(20, header.Step);
        Assert.Equal(TinyModels.Config(), header.Model);
    }

    [Fact]
    public void A_corrupted_byte_is_a_clear_error()
    {
        var path = Path.Combine(folder, "model.ckpt");
        using var model = TinyModels.Create(1);
        CheckpointFile.SaveModel(path, model, CharTokenizer.Arithmetic.Alphabet);

        var bytes = File.ReadAllBytes(path);
        foreach (var position in new[] { 20, bytes.Length / 2, bytes.Length - 40 })
        {
            var damaged = (byte[])bytes.Clone();
            damaged[position] ^= 0x10;
            File.WriteAllBytes(path, damaged);
            var error = Assert.Throws<CheckpointException>(() => CheckpointFile.LoadModel(path, torch.CPU));
            Assert.Contains("corrupted", error.Message);
            Assert.Contains(path, error.Message);
        }

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("corrupted", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(path)).Message);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_says_so()
    {
        var path = Path.Combine(folder, "notes.txt");
        File.WriteAllText(path, "these are not weights, but they are long enough to be read as a file");
        Assert.Contains("not an Orchestrator checkpoint", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(path)).Message);
    }

    [Fact]
    public void A_checkpoint_of_another_shape_is_refused()
    {
        var path = Path.Combine(folder, "model.ckpt");
        using var model = TinyModels.Create(1);
        CheckpointFile.SaveModel(path, model, CharTokenizer.Arithmetic.Alphabet);

        var other = TinyModels.Config() with { Layers = 3 };
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.LoadModel(path, torch.CPU, other));
        Assert.Contains("was expected", error.Message);
    }

    [Fact]
    public void A_model_only_checkpoint_cannot_be_resumed_as_a_training_run()
    {
        var path = Path.Combine(folder, "model.ckpt");
        using var model = TinyModels.Create(1);
        CheckpointFile.SaveModel(path, model, CharTokenizer.Arithmetic.Alphabet);
        Assert.Contains("cannot be resumed", Assert.Throws<CheckpointException>(() => TrainingSession.Resume(path, torch.CPU)).Message);
    }

    private static DecoderTransformer TrainedTinyModel()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var session = TrainingSession.Start(TinyModels.Config(), TinyModels.QuickOptions(seed: 5, steps: 20), torch.CPU, tokenizer.Alphabet);
        session.Train(new AdditionExampleSource(tokenizer, 1, 3));
        return session.Model;
    }
}
