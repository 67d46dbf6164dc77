using System.Diagnostics;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Loop;

/// <summary>
/// What a learning step spent, beyond its optimiser steps: the model's floating-point operations, estimated from
/// its parameters and the tokens it processed (as <c>bench throughput</c> does), and the CPU time this process used
/// while the step ran, measured. The estimate counts only the weights' matrix products: 6 FLOPs per parameter per
/// token trained (forward and backward), 2 per token passed forward; attention's own cost (which grows with the
/// sequence) and padding are ignored, a few percent at these lengths and widths. The CPU time is the whole
/// process's, so it includes whatever else the process did meanwhile (another step on another thread, a server).
/// </summary>
public sealed class ComputeMeter
{
    private readonly TimeSpan _cpuAtStart = ProcessCpu();

    /// <summary>Floating-point operations counted so far.</summary>
    public double Flop { get; private set; }

    /// <summary><see cref="Flop"/> in GFLOP (10^9 operations, an amount, not a rate), rounded for output.</summary>
    public double Gflop => Math.Round(Flop / 1e9, 6);

    /// <summary>CPU seconds the process used since this meter was made, rounded for output.</summary>
    public double CpuSeconds => Math.Round((ProcessCpu() - _cpuAtStart).TotalSeconds, 2);

    /// <summary>FLOPs of training a model of <paramref name="parameters"/> on <paramref name="tokens"/> tokens: 6 per parameter per token.</summary>
    public static double TrainingFlop(long parameters, long tokens) => 6.0 * parameters * tokens;

    /// <summary>FLOPs of passing <paramref name="tokens"/> tokens forward through a model of <paramref name="parameters"/>: 2 per parameter per token.</summary>
    public static double ForwardFlop(long parameters, long tokens) => 2.0 * parameters * tokens;

    /// <summary>
    /// Tokens a model passes forward to answer <paramref name="prompts"/> with <paramref name="answers"/>: each prompt
    /// as the model sees it, and each answer's tokens with the end token that closed it (one too many for an answer
    /// cut at the token limit, which is rare and wrong anyway).
    /// </summary>
    public static long GenerationTokens(CharTokenizer tokenizer, IReadOnlyList<string> prompts, IReadOnlyList<string> answers)
    {
        long tokens = 0;
        for (var i = 0; i < prompts.Count; i++) tokens += tokenizer.EncodePrompt(prompts[i]).Length + answers[i].Length + 1;
        return tokens;
    }

    /// <summary>Counts training <paramref name="tokens"/> through a model of <paramref name="parameters"/>.</summary>
    public void AddTraining(long parameters, long tokens) => Flop += TrainingFlop(parameters, tokens);

    /// <summary>Counts answering <paramref name="prompts"/> with <paramref name="answers"/> by <paramref name="model"/>.</summary>
    public void AddGeneration(LoadedModel model, IReadOnlyList<string> prompts, IReadOnlyList<string> answers) =>
        Flop += ForwardFlop(model.Model.ParameterCount, GenerationTokens(model.Tokenizer, prompts, answers));

    /// <summary>
    /// Counts several rounds of answers to the same <paramref name="prompts"/> decoded from one shared pass over them
    /// (<see cref="ModelAnswers.GenerateRounds(LoadedModel, IReadOnlyList{string}, IReadOnlyList{double}, Randomness.SeededRandom?, int)"/>):
    /// the prompts once, every round's answers.
    /// </summary>
    public void AddRounds(LoadedModel model, IReadOnlyList<string> prompts, IReadOnlyList<IReadOnlyList<string>> answersByRound)
    {
        if (answersByRound.Count == 0) return;
        var tokens = GenerationTokens(model.Tokenizer, prompts, answersByRound[0]);
        foreach (var answers in answersByRound.Skip(1)) tokens += answers.Sum(answer => (long)answer.Length + 1);
        Flop += ForwardFlop(model.Model.ParameterCount, tokens);
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
