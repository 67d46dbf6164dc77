using System.Text.Json.Nodes;
using Npgsql;
using Orchestrator.Core.Aliases;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Aliases of one kind of subject (definitions or models) in the shared <c>aliases</c> table, and their
/// append-only journal in <c>alias_moves</c>. A move locks its alias, so concurrent moves take turns and
/// each journal entry records the holder it actually replaced, with sequence numbers 1, 2, 3… without gaps.
/// </summary>
internal sealed class PostgresAliasJournal
{
    public static readonly PostgresAliasJournal Definitions = new("definition", "definition_versions", "definition_id", "an alias can point only at a stored version");
    public static readonly PostgresAliasJournal Models = new("model", "model_versions", "name", "an alias can point only at a registered version");

    private readonly string _kind;
    private readonly string _latestVersion;
    private readonly string _advice;

    private PostgresAliasJournal(string kind, string versionsTable, string subjectColumn, string advice)
    {
        _kind = kind;
        _latestVersion = $"SELECT COALESCE(MAX(version), 0) FROM {versionsTable} WHERE {subjectColumn} = @subject";
        _advice = advice;
    }

    /// <summary>The versions a subject has, for messages: versions are numbered from 1 without gaps and never deleted.</summary>
    public static string Versions(int latest) => latest == 0 ? "it has no versions yet" : $"its versions are 1 to {latest}";

    public async Task<int?> GetAsync(NpgsqlDataSource source, string subject, string alias, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, subject, alias, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the alias points, read inside the caller's transaction.</summary>
    public async Task<int?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string subject, string alias, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM aliases WHERE kind = @kind AND subject = @subject AND alias = @alias", connection, transaction);
        Bind(command.Parameters, subject, alias);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : null;
    }

    /// <summary>Makes moves of this alias by others wait until the caller's transaction ends.</summary>
    public Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subject, string alias, CancellationToken cancellationToken) =>
        PostgresLocks.AliasAsync(connection, transaction, _kind, subject, alias, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> GetAllAsync(NpgsqlDataSource source, string subject, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand("SELECT alias, version FROM aliases WHERE kind = @kind AND subject = @subject ORDER BY alias COLLATE \"C\"");
        command.Parameters.Add(PostgresParameters.Text("kind", _kind));
        command.Parameters.Add(PostgresParameters.Text("subject", subject));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) aliases[reader.GetString(0)] = reader.GetInt32(1);
        return aliases;
    }

    public async Task<IReadOnlyList<AliasMove>> HistoryAsync(NpgsqlDataSource source, string subject, string alias, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            "SELECT sequence, from_version, to_version, at, \"by\", reason, evidence::text FROM alias_moves " +
            "WHERE kind = @kind AND subject = @subject AND alias = @alias ORDER BY sequence");
        Bind(command.Parameters, subject, alias);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var moves = new List<AliasMove>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            moves.Add(new AliasMove
            {
                Subject = subject,
                Alias = alias,
                Sequence = reader.GetInt64(0),
                From = PostgresValues.NullableInt(reader, 1),
                To = reader.GetInt32(2),
                At = PostgresValues.Time(reader, 3),
                By = reader.GetString(4),
                Reason = reader.GetString(5),
                Evidence = PostgresValues.NullableString(reader, 6) is { } evidence ? PostgresValues.ParseObject(evidence, $"the evidence of a move of {subject}'s alias {alias}") : null,
            });
        return moves;
    }

    /// <summary>Moves the alias in a transaction of its own.</summary>
    public async Task<AliasMove> MoveAsync(NpgsqlDataSource source, AliasMoveRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var move = await MoveAsync(connection, transaction, request, at, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return move;
    }

    /// <summary>Moves the alias inside the caller's transaction (a publish moves <c>current</c> with its new version).</summary>
    /// <exception cref="AliasConflictException">The alias is not where <see cref="AliasMoveRequest.ExpectedFrom"/> says; nothing changed.</exception>
    /// <exception cref="KeyNotFoundException">The target version does not exist; nothing changed.</exception>
    public async Task<AliasMove> MoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AliasMoveRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        StoreArguments.Text(request.Subject, nameof(request.Subject));
        StoreArguments.Text(request.Alias, nameof(request.Alias));
        await LockAsync(connection, transaction, request.Subject, request.Alias, cancellationToken).ConfigureAwait(false);

        int? current;
        long sequence;
        int latest;
        await using (var read = new NpgsqlBatch(connection, transaction))
        {
            // FOR UPDATE as well as the advisory lock: anyone who updates the row directly waits for this move too.
            read.BatchCommands.Add(PostgresBatch.Command("SELECT version FROM aliases WHERE kind = @kind AND subject = @subject AND alias = @alias FOR UPDATE", Key(request)));
            read.BatchCommands.Add(PostgresBatch.Command("SELECT COALESCE(MAX(sequence), 0) + 1 FROM alias_moves WHERE kind = @kind AND subject = @subject AND alias = @alias", Key(request)));
            read.BatchCommands.Add(PostgresBatch.Command(_latestVersion, PostgresParameters.Text("subject", request.Subject)));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            current = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt32(0) : null;
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            sequence = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            latest = reader.GetInt32(0);
        }

        // 0 means "expected unset".
        if (request.ExpectedFrom is { } expected && (expected == 0 ? current is not null : current != expected))
            throw new AliasConflictException(request.Subject, request.Alias, expected, current);
        if (request.To < 1 || request.To > latest)
            throw new KeyNotFoundException($"{_kind} '{request.Subject}' has no version {request.To} ({Versions(latest)}); {_advice}");

        var move = new AliasMove
        {
            Subject = request.Subject,
            Alias = request.Alias,
            From = current,
            To = request.To,
            At = at,
            By = request.By,
            Reason = request.Reason,
            // A copy: the caller's object stays theirs to change.
            Evidence = (JsonObject?)request.Evidence?.DeepClone(),
            Sequence = sequence,
        };
        await using (var write = new NpgsqlBatch(connection, transaction))
        {
            write.BatchCommands.Add(PostgresBatch.Command(
                "INSERT INTO aliases (kind, subject, alias, version) VALUES (@kind, @subject, @alias, @to) " +
                "ON CONFLICT (kind, subject, alias) DO UPDATE SET version = excluded.version",
                [.. Key(request), PostgresParameters.Int("to", move.To)]));
            write.BatchCommands.Add(PostgresBatch.Command(
                "INSERT INTO alias_moves (kind, subject, alias, sequence, from_version, to_version, at, \"by\", reason, evidence) " +
                "VALUES (@kind, @subject, @alias, @sequence, @from, @to, @at, @by, @reason, @evidence)",
                [
                    .. Key(request),
                    PostgresParameters.Long("sequence", move.Sequence),
                    PostgresParameters.Int("from", move.From),
                    PostgresParameters.Int("to", move.To),
                    PostgresParameters.Time("at", move.At),
                    PostgresParameters.Text("by", move.By),
                    PostgresParameters.Text("reason", move.Reason),
                    PostgresParameters.Json("evidence", move.Evidence?.ToJsonString()),
                ]));
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return move;
    }

    private NpgsqlParameter[] Key(AliasMoveRequest request) =>
    [
        PostgresParameters.Text("kind", _kind),
        PostgresParameters.Text("subject", request.Subject),
        PostgresParameters.Text("alias", request.Alias),
    ];

    private void Bind(NpgsqlParameterCollection parameters, string subject, string alias)
    {
        parameters.Add(PostgresParameters.Text("kind", _kind));
        parameters.Add(PostgresParameters.Text("subject", subject));
        parameters.Add(PostgresParameters.Text("alias", alias));
    }
}
