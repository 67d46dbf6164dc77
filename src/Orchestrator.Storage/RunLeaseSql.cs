namespace Orchestrator.Storage;

/// <summary>
/// The lease statements, the same on both backends (parameters written <c>@name</c>, which SQLite and Npgsql
/// both accept). Times are the fixed-width UTC text of <see cref="StoredValues"/>, so text order is time order.
/// </summary>
internal static class RunLeaseSql
{
    /// <summary>One conditional update: of two claimers at the same moment, exactly one changes the row.</summary>
    public const string Claim =
        "UPDATE runs SET lease_owner = @owner, lease_until = @until " +
        "WHERE id = @id AND (lease_owner IS NULL OR lease_owner = @owner OR lease_until < @now OR lease_owner = @replacing)";

    public const string Holder = "SELECT lease_owner, lease_until FROM runs WHERE id = @id";

    public const string Release = "UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner";
}
