namespace Orchestrator.Learning.Tokenization;

/// <summary>
/// One token per character of a fixed alphabet, plus a padding token and an end token. Character tokens keep
/// every digit its own position, which is what lets a model learn digit-by-digit arithmetic.
/// </summary>
public sealed class CharTokenizer
{
    /// <summary>Fills batches to equal length; never predicted.</summary>
    public const int PadId = 0;

    /// <summary>Ends an answer; sampling stops at it.</summary>
    public const int EndId = 1;

    private const int FirstCharacterId = 2;
    private readonly Dictionary<char, int> ids;

    /// <summary>A tokenizer over <paramref name="alphabet"/> (distinct characters, in id order).</summary>
    public CharTokenizer(string alphabet)
    {
        ArgumentException.ThrowIfNullOrEmpty(alphabet);
        ids = new Dictionary<char, int>();
        foreach (var character in alphabet)
        {
            if (!ids.TryAdd(character, FirstCharacterId + ids.Count))
            {
                throw new ArgumentException($"The alphabet repeats '{character}'.", nameof(alphabet));
            }
        }

        Alphabet = alphabet;
    }

    /// <summary>Digits, the operators and '=': enough for the arithmetic tasks.</summary>
    /// <remarks>'*' and '-' are in from the start so checkpoints stay compatible when those tasks arrive.</remarks>
    public static CharTokenizer Arithmetic { get; } = new("0123456789+=*-");

    /// <summary>The characters, in id order from id 2.</summary>
    public string Alphabet { get; }

    /// <summary>Number of token ids, padding and end included.</summary>
    public int VocabularySize => FirstCharacterId + Alphabet.Length;

    /// <summary>The ids of <paramref name="text"/>, without an end token.</summary>
    /// <exception cref="ArgumentException">A character outside the alphabet.</exception>
    public int[] Encode(string text)
    {
        var result = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (!ids.TryGetValue(text[i], out result[i]))
            {
                throw new ArgumentException($"'{text[i]}' (at {i} in \"{text}\") is not in the tokenizer's alphabet \"{Alphabet}\".", nameof(text));
            }
        }

        return result;
    }

    /// <summary>
    /// The ids of a prompt as the model sees it: a leading end token, then the text. Without positional encoding
    /// the model can only tell positions apart through what it attends to; a fixed first token gives every position
    /// the same anchor (attending to it with weight 1/t tells a position how far along it is), which made 1-8 digit
    /// addition learnable at this scale at all. It is the end token because a sequence starts where the last ended.
    /// </summary>
    public int[] EncodePrompt(string prompt) => [EndId, .. Encode(prompt)];

    /// <summary>The text of <paramref name="tokens"/> up to the first end token; padding is skipped.</summary>
    /// <exception cref="ArgumentException">An id outside the vocabulary.</exception>
    public string Decode(IEnumerable<int> tokens)
    {
        var text = new System.Text.StringBuilder();
        foreach (var token in tokens)
        {
            if (token == EndId)
            {
                break;
            }

            if (token == PadId)
            {
                continue;
            }

            if (token < FirstCharacterId || token >= VocabularySize)
            {
                throw new ArgumentException($"Token id {token} is outside the vocabulary (0..{VocabularySize - 1}).", nameof(tokens));
            }

            text.Append(Alphabet[token - FirstCharacterId]);
        }

        return text.ToString();
    }
}
