using System.Text;
using System.Text.Json;
using Orchestrator.Core.Artifacts;

namespace Orchestrator.Core.Loop.Records;

/// <summary>
/// Lists of records stored as content-addressed JSON Lines artifacts. Runs pass the hash between steps, never
/// the data: a step output stays small however many attempts a round makes, and equal data has one name.
/// </summary>
public static class JsonLinesArtifact
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<string> WriteAsync<T>(IArtifactStore store, IEnumerable<T> records, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            writer.NewLine = "\n";
            foreach (var record in records) writer.WriteLine(JsonSerializer.Serialize(record, Json));
        }
        buffer.Position = 0;
        return await store.PutAsync(buffer, cancellationToken);
    }

    /// <summary>Reads every record; <paramref name="what"/> (e.g. "attempts of step propose") names the artifact in errors.</summary>
    /// <exception cref="ArtifactException">Missing, damaged, or not records of this kind.</exception>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(IArtifactStore store, string hash, string what, CancellationToken cancellationToken)
    {
        var path = await store.GetVerifiedPathAsync(hash, what, cancellationToken);
        var records = new List<T>();
        var line = 0;
        foreach (var text in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            line++;
            if (text.Length == 0) continue;
            try
            {
                records.Add(JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("null record"));
            }
            catch (JsonException e)
            {
                throw new ArtifactException(hash, what, $"line {line} is not a {typeof(T).Name} ({e.Message}); pass the output of the step that makes these");
            }
        }
        return records;
    }
}
