using System.Text.Json.Nodes;

namespace Orchestrator.Core.Aliases;

/// <summary>
/// A request to point an alias at a version. With <see cref="ExpectedFrom"/> set, the move happens only if
/// the alias still points there (optimistic concurrency; <c>0</c> means "expected unset"); otherwise it is
/// refused with <see cref="AliasConflictException"/>. Without it, concurrent moves serialise and each one's
/// journal entry records the holder it actually replaced.
/// </summary>
public sealed record AliasMoveRequest(string Subject, string Alias, int To, string By, string Reason, JsonObject? Evidence = null, int? ExpectedFrom = null);
