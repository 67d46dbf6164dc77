using Orchestrator.Core.Validation;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Server.Definitions;

/// <summary>
/// Validates definition text with the host's activities (and plugins) and publishes it as the next version of its id,
/// as <c>orchestrator publish</c> does.
/// </summary>
public interface IDefinitionPublisher
{
    /// <summary>
    /// <paramref name="fileName"/> is what the text is called in error messages; a name under <c>evaluators/</c> publishes
    /// an evaluator. <paramref name="author"/> and <paramref name="reason"/> are journalled with the version.
    /// </summary>
    Task<PublishOutcome> PublishAsync(string text, string fileName, string author, string reason, bool draft, CancellationToken cancellationToken);
}

/// <summary>The stored version, or the validator's issues (nothing stored then).</summary>
public sealed record PublishOutcome(PublishResult? Result, IReadOnlyList<ValidationIssue> Issues);
