using Orchestrator.Core.Activities;

namespace Acme.Tasks.DrawItems;

/// <summary>How the plugin class (or a host that links the plugin directly) adds the activity.</summary>
public static class DrawItemsRegistration
{
    public static ActivityRegistry AddDrawItems(this ActivityRegistry activities) => activities.Add(new DrawItemsActivity());
}
