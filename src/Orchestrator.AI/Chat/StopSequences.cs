namespace Orchestrator.AI.Chat;

/// <summary>
/// Cuts text at the first of a request's stop sequences, also while it streams: text that could be the start of a
/// stop sequence is held back until the next piece shows whether it is, so a client never sees any part of one.
/// </summary>
internal sealed class StopSequences(IReadOnlyList<string> stops)
{
    private readonly string[] _stops = stops.Where(s => s.Length > 0).ToArray();
    private readonly System.Text.StringBuilder _text = new();
    private int _emitted;

    /// <summary>Whether a stop sequence has been reached; nothing more is emitted after it.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The whole of <paramref name="text"/> up to the first stop sequence.</summary>
    public static (string Text, bool Stopped) Cut(string text, IReadOnlyList<string> stops)
    {
        var cut = stops.Where(s => s.Length > 0).Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        return cut >= 0 ? (text[..cut], true) : (text, false);
    }

    /// <summary>Takes in the next piece of the answer and returns what may be shown of it now.</summary>
    public string Push(string piece)
    {
        if (Stopped) return "";
        _text.Append(piece);
        var text = _text.ToString();
        var (kept, stopped) = Cut(text, _stops);
        var safe = stopped ? kept.Length : kept.Length - HeldBack(text);
        Stopped = stopped;
        var shown = safe > _emitted ? text[_emitted..safe] : "";
        _emitted = Math.Max(_emitted, safe);
        return shown;
    }

    /// <summary>What is left to show once the answer is complete (text held back that turned out not to be a stop sequence).</summary>
    public string Flush()
    {
        if (Stopped) return "";
        var text = _text.ToString();
        var rest = text[_emitted..];
        _emitted = text.Length;
        return rest;
    }

    // The longest end of the text that is the start of some stop sequence.
    private int HeldBack(string text)
    {
        var longest = 0;
        foreach (var stop in _stops)
            for (var n = Math.Min(stop.Length - 1, text.Length); n > longest; n--)
                if (text.AsSpan(text.Length - n).SequenceEqual(stop.AsSpan(0, n)))
                {
                    longest = n;
                    break;
                }
        return longest;
    }
}
