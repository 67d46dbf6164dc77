using System.Text;
using CsCheck;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// A change to a definition's text that no tree can express: anchors and aliases, a key written twice, tabs,
/// a cut-off file, stray bytes, a second YAML document, or a line repeated or dropped.
/// </summary>
internal sealed record TextMutation(TextMutation.Kind What, int Position, string Insert)
{
    public enum Kind { None, Anchor, DuplicateLine, DropLine, Tab, Truncate, Bytes, SecondDocument, Empty }

    public static Gen<TextMutation> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Frequency((6, CsCheck.Gen.Const(Kind.None)), (6, CsCheck.Gen.Enum<Kind>())),
        CsCheck.Gen.Int[0, int.MaxValue],
        CsCheck.Gen.OneOf(CsCheck.Gen.String[0, 4], CsCheck.Gen.OneOf("\0", "\uFEFF", "\uD800", ": ", "- ", "{", "[", "\"", "'", "#", "&a ", "*a", "!!binary ", "? ", "%YAML 1.1\n", "<<: *a\n")),
        (what, position, insert) => new TextMutation(what, position, insert));

    public string ApplyTo(string text)
    {
        var lines = text.Split('\n').ToList();
        var line = Position % lines.Count;
        switch (What)
        {
            case Kind.Anchor:
                // Anchor one value and refer to it from another line: the reader must refuse it, not share the node.
                var colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0) return text;
                lines[line] = lines[line].Insert(colon + 2, "&shared ");
                var other = (line + 1 + Position / 7 % Math.Max(1, lines.Count - 1)) % lines.Count;
                var otherColon = lines[other].IndexOf(": ", StringComparison.Ordinal);
                if (otherColon >= 0) lines[other] = lines[other][..(otherColon + 2)] + "*shared";
                return string.Join('\n', lines);
            case Kind.DuplicateLine:
                lines.Insert(line, lines[line]);
                return string.Join('\n', lines);
            case Kind.DropLine:
                lines.RemoveAt(line);
                return string.Join('\n', lines);
            case Kind.Tab:
                lines[line] = "\t" + lines[line].TrimStart(' ');
                return string.Join('\n', lines);
            case Kind.Truncate:
                return text[..(Position % (text.Length + 1))];
            case Kind.Bytes:
                return text.Insert(Position % (text.Length + 1), Insert);
            case Kind.SecondDocument:
                return text + "\n---\n" + text;
            case Kind.Empty:
                return Position % 2 == 0 ? "" : " \n\n# nothing but a comment\n";
            default:
                return text;
        }
    }
}
