using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Validation.Rules;

/// <summary>A <c>call</c> must name a workflow id and version the catalog holds, and pass the callee's required inputs.</summary>
public sealed class KnownCallsRule : IDefinitionRule
{
    public void Check(DefinitionValidationContext context, IssueList issues)
    {
        if (context.Catalog is null) return;
        foreach (var call in context.Definition.AllSteps().OfType<CallStep>())
        {
            var callee = context.Catalog.Find(call.Workflow, call.Version);
            if (callee is null)
            {
                var versions = context.Catalog.Known.Where(k => k.Id == call.Workflow).Select(k => k.Version).Order().ToList();
                var hint = versions.Count > 0
                    ? $"known versions of '{call.Workflow}': {string.Join(", ", versions)}"
                    : NearestName.Hint(call.Workflow, context.Catalog.Known.Select(k => k.Id).Distinct(), "put its definition in the workflows folder");
                issues.Add(call.Pointer + "/call", $"no workflow '{call.Workflow}' version {call.Version} is known", hint);
                continue;
            }
            if (callee.Id == context.Definition.Id)
                issues.Add(call.Pointer + "/call", $"the workflow '{callee.Id}' calls itself", "a workflow may not call itself; recursion has no bound");
            foreach (var input in callee.Inputs.Where(i => i.Required && !call.With.ContainsKey(i.Name)))
                issues.Add(call.Pointer + "/with", $"'{callee.Reference}' needs the input '{input.Name}'", $"add '{input.Name}: ...' under 'with'");
            foreach (var (name, _) in call.With)
                if (callee.Inputs.All(i => i.Name != name))
                    issues.Add(call.Pointer + "/with/" + name, $"'{callee.Reference}' has no input '{name}'", NearestName.Hint(name, callee.Inputs.Select(i => i.Name), "remove it"));
        }
    }
}
