using System.Text.Json.Nodes;

namespace Orchestrator.Core.Versioning;

/// <summary>
/// A validated definition document to store as the next version of <see cref="DefinitionId"/>. A published
/// version also moves the <c>current</c> alias to itself, in the same transaction, journalling
/// <see cref="Evidence"/> with the move (e.g. the trial results that made a self-edit the next version).
/// </summary>
public sealed record PublishRequest(string DefinitionId, JsonObject Document, string ContentHash, string Author, string Reason, bool Draft = false, JsonObject? Evidence = null);

/// <summary>
/// The stored version, and whether it is new (false when the same content was already stored). Publishing
/// (not as a draft) the content of an existing draft publishes that draft — its status flips and <c>current</c>
/// moves to it, journalled — and reports <see cref="PublishedDraft"/>: this is how a self-edit that won its
/// trial becomes the version the next runs use.
/// </summary>
public sealed record PublishResult(DefinitionVersion Version, bool Created, bool PublishedDraft = false);
