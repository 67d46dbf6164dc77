namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>Small workflows the distribution tests enqueue: steps with a side effect and an audit line per attempt.</summary>
public static class DistributedWorkflows
{
    /// <summary>Eight appending steps of <c>work</c> each, then a count in state; effects and audit are files.</summary>
    public const string Steps = """
        id: worker-steps
        version: 1
        inputs:
          effects: { type: string }
          audit: { type: string }
          work: { type: string, default: 1500ms }
        state: { count: 0 }
        steps:
          - id: rounds
            loop: { times: 8 }
            do:
              - id: touch
                uses: sample/append
                with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "round ${loop.index}", work: "${inputs.work}" }
              - id: count
                uses: set
                with: { count: "${state.count + 1}" }
        output: "${ { count: state.count } }"
        """;

    /// <summary>One step on the train queue and a fan-out of six branches on the fan queue, fanned in by item order.</summary>
    public const string Queues = """
        id: worker-queues
        version: 1
        inputs:
          effects: { type: string }
          audit: { type: string }
        steps:
          - id: train
            uses: sample/append
            queue: train
            with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "trained", work: 200ms }
          - id: fan
            parallel: { over: "${[1, 2, 3, 4, 5, 6]}", as: n, maxDegree: 6 }
            queue: fan
            do:
              - id: square
                uses: sample/append
                with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "item ${n}", work: 1s }
              - id: item
                uses: sample/square
                with: { value: "${n}" }
        output: "${ { fan: steps.fan.output } }"
        """;
}
