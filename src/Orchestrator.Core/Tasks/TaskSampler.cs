using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Core.Tasks;

/// <summary>
/// Draws items from one side of the <see cref="TaskPartition"/>: training items (never protected) or
/// protected evaluation items. Protected sets are generated from their own seed space and come with a hash of
/// their content, which every gate score records.
/// </summary>
public static class TaskSampler
{
    /// <summary>Rejection sampling gives up after this many draws per item: the partition keeps 1 in 8, so this never happens for a real task.</summary>
    private const int MaxDrawsPerItem = 10_000;

    public static IReadOnlyList<TaskItem> Training(ITaskFamily task, int length, int count, Random random) =>
        Draw(task, length, count, random, wantProtected: false);

    /// <summary>
    /// A protected evaluation set: <paramref name="count"/> items of one length from the protected part, drawn
    /// from a seed space of its own (derived from <paramref name="seed"/>, the task and the length), so it never
    /// correlates with a run's training draws.
    /// </summary>
    public static ProtectedSet Protected(ITaskFamily task, int length, int count, long seed)
    {
        var random = new Random(DeriveSeed($"protected|{task.Name}|{length}|{seed}"));
        var items = Draw(task, length, count, random, wantProtected: true);
        var content = string.Join("\n", items.Select(i => i.Prompt + "\t" + i.Answer));
        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return new ProtectedSet(task.Name, length, seed, items, hash);
    }

    private static List<TaskItem> Draw(ITaskFamily task, int length, int count, Random random, bool wantProtected)
    {
        var items = new List<TaskItem>(count);
        for (var i = 0; i < count; i++)
        {
            for (var draw = 0; ; draw++)
            {
                if (draw == MaxDrawsPerItem)
                    throw new InvalidOperationException($"{task.Name} at length {length}: no {(wantProtected ? "protected" : "training")} item in {MaxDrawsPerItem} draws; the item space is too small to split");
                var item = task.Generate(random, length);
                if (TaskPartition.IsProtected(item) == wantProtected)
                {
                    items.Add(item);
                    break;
                }
            }
        }
        return items;
    }

    private static int DeriveSeed(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
}

/// <summary>A protected evaluation set and the hash of its content, recorded with every score made on it.</summary>
public sealed record ProtectedSet(string Task, int Length, long Seed, IReadOnlyList<TaskItem> Items, string Hash);
