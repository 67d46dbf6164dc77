using Orchestrator.Core.Activities;
using Orchestrator.Core.Meta.Adopt;
using Orchestrator.Core.Meta.EvaluatorGate;
using Orchestrator.Core.Meta.Gate;
using Orchestrator.Core.Meta.Learn;
using Orchestrator.Core.Meta.Propose;
using Orchestrator.Core.Meta.Screen;
using Orchestrator.Core.Meta.Trial;

namespace Orchestrator.Core.Meta;

public static class MetaActivities
{
    /// <summary>The outer loop's steps: propose self-edits, screen evaluator drafts by their labels, trial versions, screen, learn, confirm (meta-gate), adopt.</summary>
    public static ActivityRegistry AddMetaActivities(this ActivityRegistry registry, MetaServices services) =>
        registry.Add(new MetaProposeActivity(services)).Add(new TrialActivity(services)).Add(new ScreenActivity())
            .Add(new EditorLearnActivity(services)).Add(new MetaGateActivity()).Add(new AdoptActivity(services))
            .Add(new EvaluatorGateActivity(services));
}
