using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Tests.Hosting;

public sealed class ListenGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public void Loopback_is_served_without_keys(string urls) => Assert.Null(ListenGuard.Check(urls, activeKeys: 0));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://192.168.1.7:5080")]
    [InlineData("http://127.0.0.1:5080;http://+:5080")]
    public void Any_other_address_needs_a_key(string urls)
    {
        Assert.Contains("no API key exists", ListenGuard.Check(urls, activeKeys: 0));
        Assert.Contains("orchestrator keys create", ListenGuard.Check(urls, activeKeys: 0));
        Assert.Null(ListenGuard.Check(urls, activeKeys: 1));
    }

    [Theory]
    [InlineData("", "names no address")]
    [InlineData("127.0.0.1:5080", "is not an http:// or https:// address")]
    [InlineData("ftp://127.0.0.1", "is not an http:// or https:// address")]
    public void Malformed_addresses_say_what_to_write(string urls, string expected) => Assert.Contains(expected, ListenGuard.Check(urls, activeKeys: 1));
}
