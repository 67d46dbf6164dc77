namespace Orchestrator.Core.Tasks;

/// <summary>
/// A problem family supplied by a plugin (e.g. <c>arithmetic/addition</c>): it generates items of a given
/// length and checks attempts exactly. The checker is the only ground truth the improvement loop uses after
/// round 0, so it must be exact and cheap.
/// </summary>
public interface ITaskFamily
{
    /// <summary>The name workflows use, <c>family/task</c>.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Every character a prompt or answer may contain, for tokenizers.</summary>
    string Alphabet { get; }

    /// <summary>The shortest length that makes sense (e.g. 1 digit).</summary>
    int MinLength { get; }

    /// <summary>One item of the given length, drawn from <paramref name="random"/> (which fixes it for a seed).</summary>
    TaskItem Generate(Random random, int length);

    CheckResult Check(TaskItem item, string attempt);
}
