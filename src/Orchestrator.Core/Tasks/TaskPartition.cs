using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Core.Tasks;

/// <summary>
/// Splits every task's item space in two by a hash of the prompt: one part in eight is protected — only the
/// gate's evaluation sets draw from it — and the rest is for training. Because the split is a property of
/// the item itself, no training set can ever contain a protected item, whatever seeds either side uses, and
/// no list of protected items needs to be shared.
/// </summary>
public static class TaskPartition
{
    /// <summary>True when the item belongs to the protected part.</summary>
    public static bool IsProtected(TaskItem item) => IsProtected(item.Task, item.Prompt);

    public static bool IsProtected(string task, string prompt)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(task + "\n" + prompt), hash);
        return (hash[0] & 7) == 0;
    }
}
