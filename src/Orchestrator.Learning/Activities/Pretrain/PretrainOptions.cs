using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.Pretrain;

public sealed class PretrainOptions : TrainingInputs
{
    public PretrainOptions()
    {
        Steps = 3000;
        Warmup = 100;
        Decay = 1000;
    }

    [Input("the model name to register the base model under", Required = true)]
    public string Model { get; set; } = "";

    [Input("the task whose generator supplies supervised data", Required = true)]
    public string Task { get; set; } = "";

    [Input("shortest length trained")]
    public int MinLength { get; set; } = 1;

    [Input("longest length trained")]
    public int MaxLength { get; set; } = 8;

    [Input("length curriculum: start with lengths up to this (0: all lengths from the start)")]
    public int RampFrom { get; set; } = 3;

    [Input("length curriculum: every this many steps, probe the longest length and add the next one if it is learned")]
    public int RampEvery { get; set; } = 250;

    [Input("length curriculum: greedy exact match on the longest length that counts as learned")]
    public double RampAccuracy { get; set; } = 0.9;

    [Input("restart on a stall: after this many steps, an attempt whose exact match on the curriculum's first longest length (rampFrom, or maxLength without a curriculum) is below restartBelow starts again from a fresh initialisation (0: never)")]
    public int RestartAfter { get; set; }

    [Input("restart on a stall: the greedy exact match an attempt must reach by restartAfter steps")]
    public double RestartBelow { get; set; } = 0.5;

    [Input("restart on a stall: the greedy exact match (on 512 items) an attempt must show one length past its first lengths once it has trained all its steps, else it starts again too (0: not checked); only while restarts remain")]
    public double RestartBeyond { get; set; }

    [Input("restart on a stall: most fresh initialisations after the first; the last attempt always trains to the end")]
    public int Restarts { get; set; } = 3;

    [Input("transformer blocks")]
    public int Layers { get; set; } = 4;

    [Input("model width")]
    public int Width { get; set; } = 96;

    [Input("attention heads (must divide width)")]
    public int Heads { get; set; } = 4;

    [Input("positional encoding: none, learned or sinusoidal")]
    public string Positions { get; set; } = "none";

    [Input("an existing version to use as the base instead of training one: a version of this model (\"1\") or of another (\"addition@1\"); empty trains a new one")]
    public string Reuse { get; set; } = "";

    [Input("supervised items to store with the model for later rounds to replay")]
    public int ReplayItems { get; set; } = 20_000;
}

public sealed record PretrainOutput
{
    [Output("the base model, NAME@VERSION")]
    public required string Model { get; init; }

    [Output("its version number")]
    public required int Version { get; init; }

    [Output("a sample of its training data for replay, as a dataset artifact hash")]
    public required string Dataset { get; init; }

    [Output("optimizer steps, with those of abandoned attempts (see restarts)")]
    public required int Steps { get; init; }

    [Output("training tokens processed")]
    public required long Tokens { get; init; }

    [Output("training wall time in seconds")]
    public required double Seconds { get; init; }

    [Output("mean loss of the last progress window")]
    public required double Loss { get; init; }

    [Output("parameters in the model")]
    public required long Parameters { get; init; }

    [Output("attempts abandoned at the stall check (first lengths not learned by restartAfter steps) or the extension check (too few sums one length longer once trained); their steps count in steps")]
    public required IReadOnlyList<PretrainRestart> Restarts { get; init; }

    [Output("estimated model compute of the training, abandoned attempts included, in GFLOP (6 per parameter per token trained; an amount, not a rate)")]
    public required double Gflop { get; init; }

    [Output("CPU seconds this process used during the step")]
    public required double CpuSeconds { get; init; }
}

public sealed class PretrainOptionsValidator : TrainingInputsValidator<PretrainOptions>
{
    public PretrainOptionsValidator(LoopServices services)
    {
        RuleFor(o => o.Model).Matches("^[a-z][a-z0-9._-]*$").WithMessage("model must be a name of lower-case letters, digits, '.', '_' or '-' (no '@': a version is assigned)");
        RuleFor(o => o.Task).Must(services.Tasks.Names.Contains).WithMessage(o => services.UnknownTask(o.Task));
        RuleFor(o => o.MinLength).GreaterThanOrEqualTo(1).WithMessage("minLength must be at least 1");
        RuleFor(o => o.MaxLength).GreaterThanOrEqualTo(o => o.MinLength).WithMessage("maxLength must be at least minLength");
        RuleFor(o => o.RampFrom).GreaterThanOrEqualTo(0).WithMessage("rampFrom must be 0 (no curriculum) or a length");
        RuleFor(o => o.RampEvery).GreaterThanOrEqualTo(1).WithMessage("rampEvery must be at least 1 step");
        RuleFor(o => o.RampAccuracy).Must(a => a is > 0 and <= 1).WithMessage("rampAccuracy must be above 0 and at most 1");
        RuleFor(o => o.RestartAfter).GreaterThanOrEqualTo(0).WithMessage("restartAfter must be 0 (never restart) or a number of steps");
        RuleFor(o => o.RestartAfter).LessThan(o => o.Steps).When(o => o.RestartAfter > 0).WithMessage(o => $"restartAfter ({o.RestartAfter}) must be below steps ({o.Steps}), or the probe would come after training ends");
        RuleFor(o => o.RestartBelow).InclusiveBetween(0, 1).WithMessage("restartBelow must be an exact match between 0 and 1");
        RuleFor(o => o.RestartBeyond).InclusiveBetween(0, 1).WithMessage("restartBeyond must be an exact match between 0 and 1");
        RuleFor(o => o.Restarts).InclusiveBetween(0, 100).WithMessage("restarts must be between 0 and 100");
        RuleFor(o => o.Layers).InclusiveBetween(1, 64).WithMessage("layers must be between 1 and 64");
        RuleFor(o => o.Width).InclusiveBetween(8, 4096).WithMessage("width must be between 8 and 4096");
        RuleFor(o => o.Heads).GreaterThanOrEqualTo(1).Must((o, heads) => o.Width % heads == 0).WithMessage(o => $"heads ({o.Heads}) must divide width ({o.Width})");
        RuleFor(o => o.Positions).Must(p => p is "none" or "learned" or "sinusoidal").WithMessage("positions must be none, learned or sinusoidal");
        RuleFor(o => o.Reuse).Matches(@"^([a-z][a-z0-9._-]*@)?[1-9][0-9]*$").When(o => o.Reuse.Length > 0).WithMessage("reuse must be empty (train a new base), a version number (\"1\") or NAME@VERSION (\"addition@1\")");
        RuleFor(o => o.ReplayItems).InclusiveBetween(0, 10_000_000).WithMessage("replayItems must be between 0 and 10,000,000");
    }
}
