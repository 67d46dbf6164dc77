using System.Text.RegularExpressions;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Sqlite;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Sqlite;

/// <summary>How definitions and models sit in the store file beside the runs, and how lookups reach them.</summary>
public sealed class SqliteVersioningLayoutTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Runs_definitions_and_models_share_one_database_file()
    {
        await using var runs = new SqliteRunStore(_temp.Store);
        await using var definitions = new SqliteDefinitionStore(_temp.Store);
        await using var models = new SqliteModelRegistry(_temp.Store);

        await runs.CreateRunAsync(Records.Run(), None);
        await definitions.PublishAsync(Samples.Publish("a", 1), None);
        await models.RegisterAsync(Samples.Model("a"), None);

        Assert.Equal(runs.DatabasePath, definitions.DatabasePath);
        Assert.Equal(runs.DatabasePath, models.DatabasePath);
        Assert.Single(Directory.GetFiles(_temp.Store, "*.db"));
        Assert.Equal(1L, RawSqlite.Scalar(_temp.DatabaseFile, "SELECT count(*) FROM definition_versions"));
        Assert.Equal(1L, RawSqlite.Scalar(_temp.DatabaseFile, "SELECT count(*) FROM model_versions"));
    }

    [Fact]
    public async Task A_workflow_and_a_model_of_the_same_name_have_separate_aliases_and_journals()
    {
        await using var definitions = new SqliteDefinitionStore(_temp.Store);
        await using var models = new SqliteModelRegistry(_temp.Store);
        await definitions.PublishAsync(Samples.Publish("addition", 1), None);
        await definitions.PublishAsync(Samples.Publish("addition", 2), None);
        await models.RegisterAsync(Samples.Model("addition"), None);

        await definitions.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 2, "x", "workflow"), None);
        await models.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 1, "y", "model"), None);

        Assert.Equal(2, await definitions.GetAliasAsync("addition", "champion", None));
        Assert.Equal(1, (await models.GetAliasesAsync("addition", None))["champion"]);
        Assert.Equal("workflow", Assert.Single(await definitions.GetAliasHistoryAsync("addition", "champion", None)).Reason);
        Assert.Equal("model", Assert.Single(await models.GetAliasHistoryAsync("addition", "champion", None)).Reason);
        Assert.DoesNotContain(IDefinitionStore.CurrentAlias, (await models.GetAliasesAsync("addition", None)).Keys);
    }

    [Theory]
    [InlineData(DefinitionRows.Find, "(definition_id=? AND version=?)")]
    [InlineData(DefinitionRows.FindByHash, "definition_versions_by_hash (definition_id=? AND content_hash=?)")]
    [InlineData(DefinitionRows.Latest, "(definition_id=?)")]
    [InlineData(DefinitionRows.ListVersions, "(definition_id=?)")]
    [InlineData(ModelRows.Find, "(name=? AND version=?)")]
    [InlineData(ModelRows.Exists, "(name=? AND version=?)")]
    [InlineData(ModelRows.Latest, "(name=?)")]
    [InlineData(ModelRows.ListVersions, "(name=?)")]
    [InlineData(AliasRows.Holder, "(kind=? AND subject=? AND alias=?)")]
    [InlineData(AliasRows.OfSubject, "(kind=? AND subject=?)")]
    [InlineData(AliasRows.History, "(kind=? AND subject=? AND alias=?)")]
    [InlineData(AliasRows.Append, "(kind=? AND subject=? AND alias=?)")]
    public void Every_lookup_searches_an_index_on_all_its_keys_and_never_scans_or_sorts(string sql, string search)
    {
        // Thousands of versions are expected (a self-editing loop publishes many): a lookup that scans or
        // sorts would slow down with each one. The query plan shows it without timing anything.
        using (new SqliteDefinitionStore(_temp.Store)) { }

        var plan = QueryPlan(sql);

        Assert.Contains(plan, line => line.StartsWith("SEARCH", StringComparison.Ordinal) && line.EndsWith(search, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal) || line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private List<string> QueryPlan(string sql)
    {
        using var connection = RawSqlite.Open(_temp.DatabaseFile);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Regex.Matches(sql, @"\$[a-z_]+").Select(m => m.Value).Distinct())
            command.Parameters.AddWithValue(name, DBNull.Value);
        var plan = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) plan.Add(reader.GetString(3));
        return plan;
    }
}
