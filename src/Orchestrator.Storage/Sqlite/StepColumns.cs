using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// A step record with its JSON already serialised, so the work happens before the store's lock is taken
/// and parallel branches wait on each other only for the database write itself.
/// </summary>
internal readonly record struct StepColumns(StepRecord Record, object Output, object StateChanges, object Error)
{
    public static StepColumns From(StepRecord record) =>
        new(record, SqliteValues.Json(record.Output), SqliteValues.Json((JsonNode?)record.StateChanges), SqliteValues.Error(record.Error));
}
