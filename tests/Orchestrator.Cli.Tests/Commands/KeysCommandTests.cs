using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Access;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>The real command: a key is printed once and only its hash reaches the store; revocation is kept.</summary>
public sealed class KeysCommandTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_created_key_is_printed_once_stored_as_its_hash_and_revoked_for_good(string backend)
    {
        using var store = new TestStore(backend);

        var created = await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "create", "--role", "operator", "--name", "ci-bot"));
        Assert.True(created.ExitCode == 0, created.Stderr);
        var secret = created.Stdout.Trim();
        Assert.Matches("^ork_[A-Za-z0-9_-]{43}$", secret);

        var listed = await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "list", "--json"));
        Assert.DoesNotContain(secret, listed.Stdout);
        var key = Assert.Single(JsonNode.Parse(listed.Stdout)!.AsArray())!;
        Assert.Equal(("ci-bot", "operator", ApiKeySecrets.Prefix(secret)), ((string)key["name"]!, (string)key["role"]!, (string)key["prefix"]!));
        using (var opened = Orchestrator.Storage.StoreFactory.Open(store.Location, store.Artifacts))
            Assert.Equal("ci-bot", (await opened.Keys.FindKeyByHashAsync(ApiKeySecrets.Hash(secret), CancellationToken.None))!.Name);
        if (backend == "sqlite")
            Assert.DoesNotContain(secret, System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Path.Combine(store.Location, "orchestrator.db"))));

        var revoked = await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "revoke", "ci-bot"));
        var again = await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "revoke", "ci-bot"));
        var reused = await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "create", "--role", "viewer", "--name", "ci-bot"));

        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("revoked already", again.Stderr);
        Assert.Equal(2, reused.ExitCode);
        Assert.Contains("exists already", reused.Stderr);
        Assert.Equal("", reused.Stdout);
        var after = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "list", "--json"))).Stdout)!.AsArray();
        Assert.NotNull(Assert.Single(after)!["revokedAt"]);
    }

    [Theory]
    [InlineData(new[] { "create", "--role", "root" }, "give viewer, operator or admin")]
    [InlineData(new[] { "create", "--role", "admin", "--name", "two words" }, "cannot name a key")]
    [InlineData(new[] { "revoke", "nobody" }, "no key is named nobody")]
    public async Task Bad_input_exits_2_says_why_and_stores_nothing(string[] args, string expected)
    {
        using var store = new TestStore("sqlite");

        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args(["keys", .. args]));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal("[]", (await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "list", "--json"))).Stdout.Trim());
    }
}
