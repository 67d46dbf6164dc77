using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Learning.Loop;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Learning.Activities.Propose;

public sealed class ProposeOptions
{
    [Input("the model version that proposes: NAME@VERSION or NAME@ALIAS (or name a chat connection with 'chat' instead)")]
    public string Model { get; set; } = "";

    [Input("a configured chat connection that proposes instead of a local model (connections.json; the key comes from the environment, never from the workflow)")]
    public string Chat { get; set; } = "";

    [Input("with chat: requests in flight at once")]
    public int Concurrency { get; set; } = 8;

    [Input("the task to propose on", Required = true)]
    public string Task { get; set; } = "";

    [Input("the shortest length to propose on, usually the frontier + 1", Required = true)]
    public int From { get; set; }

    [Input("how many lengths from 'from' on (the curriculum step)")]
    public int Span { get; set; } = 2;

    [Input("also propose on this many lengths just below 'from' (already mastered): the model's right answers there consolidate them, which is what lets it take the next length")]
    public int Review { get; set; }

    [Input("problems per length")]
    public int Problems { get; set; } = 1024;

    [Input("problems per review length (those below 'from', already mastered); 0 for as many as 'problems'")]
    public int ReviewProblems { get; set; }

    [Input("sample only the problems whose greedy answer the model gives a probability below this (with greedy on): one it is sure of would mostly be sampled back; 1 samples every problem")]
    public double SampleBelow { get; set; } = 1;

    [Input("also make one greedy (temperature 0) attempt per problem")]
    public bool Greedy { get; set; } = true;

    [Input("sampled attempts per problem, at the temperature")]
    public int Samples { get; set; } = 3;

    [Input("sampling temperature for the sampled attempts")]
    public double Temperature { get; set; } = 0.8;

    [Input("also attempt each problem's task-declared variants (e.g. b+a for a+b), for the invariance filter")]
    public bool Variants { get; set; }

    [Input("more model versions that attempt the same problems, for the ensemble filter (each attempt records its model)")]
    public List<string> Ensemble { get; set; } = [];

    [Input("sequences decoded at once")]
    public int Batch { get; set; } = 512;
}

public sealed record ProposeOutput
{
    [Output("the attempts, as an artifact hash (JSON Lines)")]
    public required string Attempts { get; init; }

    [Output("attempts made")]
    public required int Total { get; init; }

    [Output("problems posed")]
    public required int Problems { get; init; }

    [Output("prompts that got sampled attempts, summed over the proposing models (with sampleBelow, those the model was unsure of)")]
    public required int SampledPrompts { get; init; }

    [Output("the lengths proposed on")]
    public required IReadOnlyList<int> Lengths { get; init; }

    [Output("the model version that proposed, NAME@VERSION")]
    public required string Model { get; init; }

    [Output("every model version that proposed: the model, then the ensemble")]
    public required IReadOnlyList<string> Models { get; init; }

    [Output("the chat connection that proposed, or empty for a local model")]
    public required string Chat { get; init; }

    [Output("wall time in seconds")]
    public required double Seconds { get; init; }

    [Output("estimated model compute of the local models' attempts, in GFLOP (2 per parameter per prompt and answer token; an amount, not a rate); a chat model's compute is its endpoint's and not counted")]
    public required double Gflop { get; init; }

    [Output("CPU seconds this process used during the step")]
    public required double CpuSeconds { get; init; }
}

public sealed class ProposeOptionsValidator : AbstractValidator<ProposeOptions>
{
    public ProposeOptionsValidator(LearningServices services)
    {
        RuleFor(o => o.Chat).Must(services.Chat.Has).When(o => o.Chat.Length > 0).WithMessage(o => services.Chat.Unknown(o.Chat));
        RuleFor(o => o.Task).Must(t => !services.Loop.Tasks.TryGet(t, out var task) || task is IChatForm).When(o => o.Chat.Length > 0)
            .WithMessage(o => $"the task {o.Task} declares no readable form, so a chat model cannot be asked its problems; propose with a local model");
        RuleFor(o => o.Concurrency).InclusiveBetween(1, 256).WithMessage("concurrency must be between 1 and 256 requests");
        RuleFor(o => o.Task).Must(services.Loop.Tasks.Names.Contains).WithMessage(o => services.Loop.UnknownTask(o.Task));
        RuleFor(o => o.From).InclusiveBetween(1, 10_000).WithMessage("from must be a length between 1 and 10,000");
        RuleFor(o => o.Span).InclusiveBetween(1, 64).WithMessage("span must be between 1 and 64 lengths");
        RuleFor(o => o.Review).InclusiveBetween(0, 64).WithMessage("review must be between 0 and 64 lengths");
        RuleFor(o => o.Problems).InclusiveBetween(1, 1_000_000).WithMessage("problems must be between 1 and 1,000,000 per length");
        RuleFor(o => o.ReviewProblems).InclusiveBetween(0, 1_000_000).WithMessage("reviewProblems must be between 0 (as many as problems) and 1,000,000 per length");
        RuleFor(o => o.SampleBelow).Must(p => p is > 0 and <= 1).WithMessage("sampleBelow must be above 0 and at most 1 (1 samples every problem)");
        RuleFor(o => o.Samples).InclusiveBetween(0, 256).WithMessage("samples must be between 0 and 256");
        RuleFor(o => o).Must(o => o.Greedy || o.Samples > 0).WithName("samples").WithMessage("samples is 0 and greedy is off: that proposes nothing; set samples: 1 or more");
        RuleFor(o => o.Temperature).Must(t => t > 0 && t <= 10).WithMessage("temperature must be above 0 and at most 10 (greedy attempts come from 'greedy: true')");
        RuleFor(o => o).Must(o => !o.Variants || !services.Loop.Tasks.TryGet(o.Task, out var task) || task is IPromptVariants).WithName("variants")
            .WithMessage(o => $"variants is on, but the task '{o.Task}' declares no prompt variants; set variants: false");
        RuleFor(o => o.Ensemble).Must(e => e.All(m => !string.IsNullOrWhiteSpace(m)) && e.Distinct(StringComparer.Ordinal).Count() == e.Count)
            .WithMessage("ensemble must list distinct model versions (NAME@VERSION), none empty");
        RuleFor(o => o.Batch).InclusiveBetween(1, 65_536).WithMessage("batch must be between 1 and 65,536");
    }
}
