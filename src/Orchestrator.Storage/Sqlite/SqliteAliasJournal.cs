using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Orchestrator.Core.Aliases;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The aliases of one kind of subject (definitions or models) on one session: reading them, and moving one
/// with its journal entry. Moves run inside the caller's write transaction, so the store decides what else
/// happens atomically with them (publishing a version, checking the target exists).
/// </summary>
internal sealed class SqliteAliasJournal(SqliteSession session, string kind)
{
    private readonly SqliteCommand _holder = session.Prepare(AliasRows.Holder);
    private readonly SqliteCommand _ofSubject = session.Prepare(AliasRows.OfSubject);
    private readonly SqliteCommand _upsert = session.Prepare(AliasRows.Upsert);
    private readonly SqliteCommand _append = session.Prepare(AliasRows.Append);
    private readonly SqliteCommand _history = session.Prepare(AliasRows.History);

    public int? Holder(string subject, string alias)
    {
        AliasRows.BindAlias(_holder, kind, subject, alias);
        var version = _holder.ExecuteScalar();
        return version is null or DBNull ? null : Convert.ToInt32(version, CultureInfo.InvariantCulture);
    }

    public IReadOnlyDictionary<string, int> OfSubject(string subject)
    {
        _ofSubject.Parameters["$kind"].Value = kind;
        _ofSubject.Parameters["$subject"].Value = subject;
        using var reader = _ofSubject.ExecuteReader();
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read()) aliases[reader.GetString(0)] = reader.GetInt32(1);
        return aliases;
    }

    public IReadOnlyList<AliasMove> History(string subject, string alias)
    {
        AliasRows.BindAlias(_history, kind, subject, alias);
        using var reader = _history.ExecuteReader();
        var moves = new List<AliasMove>();
        while (reader.Read()) moves.Add(AliasRows.Read(reader));
        return moves;
    }

    /// <summary>
    /// Moves an alias as requested, inside the caller's transaction: refuses it when
    /// <see cref="AliasMoveRequest.ExpectedFrom"/> no longer holds, then lets <paramref name="checkTarget"/>
    /// refuse a target that does not exist, then points the alias and journals the holder it replaced.
    /// </summary>
    public AliasMove Move(AliasMoveRequest request, string? evidence, DateTimeOffset at, Action<int> checkTarget)
    {
        var holder = Holder(request.Subject, request.Alias);
        if (request.ExpectedFrom is { } expected && (expected == 0 ? holder is not null : holder != expected))
            throw new AliasConflictException(request.Subject, request.Alias, expected, holder);
        checkTarget(request.To);
        return Point(request.Subject, request.Alias, holder, request.To, request.By, request.Reason, evidence, at);
    }

    /// <summary>Points the alias at <paramref name="to"/> and appends the move from <paramref name="from"/>, inside the caller's transaction.</summary>
    public AliasMove Point(string subject, string alias, int? from, int to, string by, string reason, string? evidence, DateTimeOffset at)
    {
        AliasRows.BindAlias(_upsert, kind, subject, alias);
        _upsert.Parameters["$version"].Value = to;
        _upsert.ExecuteNonQuery();

        AliasRows.BindAlias(_append, kind, subject, alias);
        var p = _append.Parameters;
        p["$from_version"].Value = (object?)from ?? DBNull.Value;
        p["$to_version"].Value = to;
        p["$at"].Value = SqliteValues.Time(at);
        p["$by"].Value = by;
        p["$reason"].Value = reason;
        p["$evidence"].Value = (object?)evidence ?? DBNull.Value;
        var sequence = Convert.ToInt64(_append.ExecuteScalar(), CultureInfo.InvariantCulture);

        return new AliasMove
        {
            Subject = subject,
            Alias = alias,
            From = from,
            To = to,
            At = at,
            By = by,
            Reason = reason,
            Evidence = evidence is null ? null : (JsonObject?)JsonNode.Parse(evidence),
            Sequence = sequence,
        };
    }
}
