using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Tests.Expressions;

public sealed class ExpressionCacheTests
{
    [Fact]
    public void A_full_cache_starts_again_instead_of_growing()
    {
        var cache = new ExpressionCache<int>(capacity: 3);
        var made = 0;

        for (var i = 0; i < 10; i++) cache.GetOrAdd("e" + i, _ => ++made);
        cache.GetOrAdd("e9", _ => ++made);

        Assert.True(cache.Count <= 3, $"{cache.Count} entries");
        Assert.Equal(10, made);
    }
}
