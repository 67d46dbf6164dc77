using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.Gate;

/// <summary>Greedy exact-match outcomes of a model on a protected set, one per item, checked by the task.</summary>
internal static class HeldoutScoring
{
    public static bool[] Score(LoadedModel model, ITaskFamily task, ProtectedSet set, int batch)
    {
        var answers = ModelAnswers.Generate(model, set.Items.Select(i => i.Prompt).ToList(), 0, null, batch);
        return set.Items.Select((item, i) => task.Check(item, answers[i]).Correct).ToArray();
    }
}
