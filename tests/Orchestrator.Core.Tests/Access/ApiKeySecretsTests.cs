using Orchestrator.Core.Access;

namespace Orchestrator.Core.Tests.Access;

public sealed class ApiKeySecretsTests
{
    [Fact]
    public void Keys_are_random_url_safe_and_carry_the_marker()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => ApiKeySecrets.Generate()).ToList();

        Assert.Equal(50, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^ork_[A-Za-z0-9_-]{43}$", k));
    }

    [Fact]
    public void The_hash_is_the_sha256_of_the_key_and_the_prefix_its_start()
    {
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeySecrets.Hash("hello"));
        Assert.Equal("ork_abcdef", ApiKeySecrets.Prefix("ork_abcdefghijk"));
    }

    [Theory]
    [InlineData(ApiKeyRole.Viewer, ApiKeyRole.Viewer, true)]
    [InlineData(ApiKeyRole.Viewer, ApiKeyRole.Operator, false)]
    [InlineData(ApiKeyRole.Operator, ApiKeyRole.Viewer, true)]
    [InlineData(ApiKeyRole.Operator, ApiKeyRole.Admin, false)]
    [InlineData(ApiKeyRole.Admin, ApiKeyRole.Operator, true)]
    public void Roles_nest(ApiKeyRole role, ApiKeyRole required, bool allowed) => Assert.Equal(allowed, role.Allows(required));

    [Theory]
    [InlineData("viewer", true)]
    [InlineData("admin", true)]
    [InlineData("Admin", false)]
    [InlineData("root", false)]
    [InlineData("2", false)]
    [InlineData(null, false)]
    public void Only_the_three_role_names_parse(string? text, bool parses) => Assert.Equal(parses, ApiKeyRoles.TryParse(text, out _));

    [Theory]
    [InlineData("ci-bot", true)]
    [InlineData("alice@lab", true)]
    [InlineData("", false)]
    [InlineData("two words", false)]
    public void Names_are_short_and_plain(string name, bool ok) => Assert.Equal(ok, ApiKeySecrets.CheckName(name) is null);
}
