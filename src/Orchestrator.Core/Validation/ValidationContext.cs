using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;

namespace Orchestrator.Core.Validation;

/// <summary>What the meaning checks look at: the definition, the activities the host knows, and the catalog for calls.</summary>
public sealed record DefinitionValidationContext(WorkflowDefinition Definition, ActivityRegistry Activities, IDefinitionCatalog? Catalog);
