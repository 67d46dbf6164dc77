using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Access;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator keys create|list|revoke</c>: the API keys the server accepts. Whoever can open the store manages
/// them; a key is printed once, when it is made, and only its hash is stored.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage the API keys the server accepts (viewer, operator, admin).");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(RevokeKey());
        return command;
    }

    private static Command CreateKey()
    {
        var role = new Option<string>("--role") { Description = "viewer (reads), operator (also starts, cancels, resumes and schedules runs) or admin (also publishes, rolls back, promotes and manages keys).", Required = true };
        var name = new Option<string?>("--name") { Description = "The name journals give the key's holder. Default: the role and the key's first characters." };
        var command = new Command("create", "Make a key; it is printed once on stdout, and only its hash is stored.") { role, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ApiKeyRoles.TryParse(parse.GetValue(role), out var parsed))
            {
                Console.Error.WriteLine($"error: --role '{parse.GetValue(role)}' is not a role; give viewer, operator or admin");
                return ExitCodes.InvalidInput;
            }
            var secret = ApiKeySecrets.Generate();
            var keyName = parse.GetValue(name) ?? $"{parsed.Name()}-{ApiKeySecrets.Hash(secret)[7..15]}";
            if (ApiKeySecrets.CheckName(keyName) is { } problem)
            {
                Console.Error.WriteLine($"error: --name {problem}");
                return ExitCodes.InvalidInput;
            }
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            try
            {
                await stores.Keys.CreateKeyAsync(new ApiKeyRecord
                {
                    Name = keyName, Role = parsed, Hash = ApiKeySecrets.Hash(secret), Prefix = ApiKeySecrets.Prefix(secret),
                    CreatedBy = CliHost.User, CreatedAt = DateTimeOffset.UtcNow,
                }, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            Console.Error.WriteLine($"created {parsed.Name()} key {keyName}; it is shown only now, so keep it somewhere safe:");
            Console.Out.WriteLine(secret);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("list", "List the keys: name, role, first characters, who made it, and whether it is revoked.") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var keys = await stores.Keys.ListKeysAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                RunJson.Print(new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject
                {
                    ["name"] = k.Name, ["role"] = k.Role.Name(), ["prefix"] = k.Prefix, ["createdBy"] = k.CreatedBy,
                    ["createdAt"] = k.CreatedAt, ["revokedAt"] = k.RevokedAt, ["revokedBy"] = k.RevokedBy,
                })]));
                return ExitCodes.Success;
            }
            if (keys.Count == 0)
            {
                Console.Out.WriteLine("no keys (orchestrator keys create --role viewer|operator|admin)");
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("name", "role", "key", "created", "revoked");
            foreach (var k in keys)
                table.AddRow(Markup.Escape(k.Name), k.Role.Name(), Markup.Escape(k.Prefix + "…"), Markup.Escape($"{k.CreatedAt:u} by {k.CreatedBy}"),
                    k.RevokedAt is { } at ? Markup.Escape($"{at:u} by {k.RevokedBy}") : "");
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var name = new Argument<string>("name") { Description = "The key's name (see 'keys list')." };
        var command = new Command("revoke", "Revoke a key: it never authenticates again, and stays listed.") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var keyName = parse.GetValue(name)!;
            if (!await stores.Keys.RevokeKeyAsync(keyName, CliHost.User, DateTimeOffset.UtcNow, cancellationToken))
            {
                var known = (await stores.Keys.ListKeysAsync(cancellationToken)).FirstOrDefault(k => k.Name == keyName);
                Console.Error.WriteLine(known is null
                    ? $"error: no key is named {keyName} (see 'orchestrator keys list')"
                    : $"error: key {keyName} was revoked already, at {known.RevokedAt:u} by {known.RevokedBy}");
                return ExitCodes.InvalidInput;
            }
            Console.Error.WriteLine($"revoked key {keyName}");
            return ExitCodes.Success;
        });
        return command;
    }
}
