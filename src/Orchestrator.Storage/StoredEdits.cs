using System.Text.Json.Nodes;
using Orchestrator.Core.SelfEditing;

namespace Orchestrator.Storage;

/// <summary>
/// The edit journal's columns, shared by both backends: the statements differ only in how parameters are written
/// (<c>$name</c> in SQLite, <c>@name</c> in PostgreSQL), and a row reads back into an <see cref="EditRecord"/> the same way.
/// </summary>
internal static class StoredEdits
{
    /// <summary>Appends with the next sequence number of the definition's journal and returns it; the caller serialises appends per definition.</summary>
    public static string Append(char prefix) => $"""
        INSERT INTO definition_edits (definition_id, sequence, parent_version, editor, patch, accepted, rejections, draft_version, rationale, at, details)
        VALUES ({prefix}definition_id, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM definition_edits WHERE definition_id = {prefix}definition_id),
                {prefix}parent_version, {prefix}editor, {prefix}patch, {prefix}accepted, {prefix}rejections, {prefix}draft_version, {prefix}rationale, {prefix}at, {prefix}details)
        RETURNING sequence
        """;

    public static string ForDefinition(char prefix) => $"""
        SELECT sequence, parent_version, editor, patch, accepted, rejections, draft_version, rationale, at, details
        FROM definition_edits WHERE definition_id = {prefix}definition_id ORDER BY sequence
        """;

    public static string Rejections(IReadOnlyList<EditRejection> rejections) =>
        new JsonArray(rejections.Select(r => (JsonNode)new JsonObject { ["path"] = r.Path, ["reason"] = r.Reason }).ToArray()).ToJsonString();

    public static EditRecord Record(EditJournalEntry entry, long sequence, DateTimeOffset at) => new()
    {
        Sequence = sequence,
        DefinitionId = entry.DefinitionId,
        ParentVersion = entry.ParentVersion,
        Editor = entry.Editor,
        Patch = (JsonArray)entry.Patch.DeepClone(),
        Accepted = entry.Accepted,
        Rejections = entry.Rejections,
        DraftVersion = entry.DraftVersion,
        Rationale = entry.Rationale,
        Details = (JsonObject?)entry.Details?.DeepClone(),
        At = at,
    };

    /// <summary>The details column's text (null when there are none).</summary>
    public static string? Details(EditJournalEntry entry) => entry.Details?.ToJsonString();

    /// <summary>A row of <see cref="ForDefinition"/>, from its column values.</summary>
    public static EditRecord Read(string definitionId, long sequence, int parentVersion, string editor, string patch, bool accepted, string rejections, int? draftVersion, string? rationale, string at,
        string? details) => new()
    {
        Sequence = sequence,
        DefinitionId = definitionId,
        ParentVersion = parentVersion,
        Editor = editor,
        Patch = JsonNode.Parse(patch) as JsonArray ?? throw new InvalidDataException($"edit {definitionId}#{sequence}: the stored patch is not a JSON array"),
        Accepted = accepted,
        Rejections = (JsonNode.Parse(rejections) as JsonArray ?? []).Select(r => new EditRejection(r!["path"]!.GetValue<string>(), r["reason"]!.GetValue<string>())).ToList(),
        DraftVersion = draftVersion,
        Rationale = rationale,
        Details = details is null ? null : JsonNode.Parse(details) as JsonObject ?? throw new InvalidDataException($"edit {definitionId}#{sequence}: the stored details are not a JSON object"),
        At = StoredValues.ParseTime(at),
    };
}
