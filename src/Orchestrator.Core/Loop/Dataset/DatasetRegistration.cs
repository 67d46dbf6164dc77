using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Dataset;

public static class DatasetRegistration
{
    public static ActivityRegistry AddDataset(this ActivityRegistry registry, LoopServices services) => registry.Add(new DatasetActivity(services));
}
