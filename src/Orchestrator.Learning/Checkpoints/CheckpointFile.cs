using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Learning.Model;

namespace Orchestrator.Learning.Checkpoints;

/// <summary>
/// Reads and writes checkpoint files: magic, header length, JSON header, weights, optimizer state, and a
/// SHA-256 of everything before it. The digest makes any damaged or truncated byte a clear error instead of
/// silently wrong weights; the JSON header keeps the file self-describing without Torch.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The format this code writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    private const int DigestLength = 32;
    private static readonly byte[] Magic = "ORCHCKPT"u8.ToArray();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes a checkpoint atomically: to a temporary file first, then moved over <paramref name="path"/>.</summary>
    /// <remarks>A crash mid-write leaves the previous checkpoint intact, which is what resumption relies on.</remarks>
    public static void Write(string path, CheckpointHeader header, byte[] modelState, byte[]? optimizerState)
    {
        header = header with { FormatVersion = FormatVersion, ModelBytes = modelState.Length, OptimizerBytes = optimizerState?.Length ?? 0 };
        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var length = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(length, headerBytes.Length);
                foreach (var part in new[] { Magic, length, headerBytes, modelState, optimizerState ?? [] })
                {
                    file.Write(part);
                    hash.AppendData(part);
                }

                file.Write(hash.GetHashAndReset());
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads and verifies a checkpoint.</summary>
    /// <exception cref="CheckpointException">Missing, not a checkpoint, damaged, truncated, or of a newer format.</exception>
    public static Checkpoint Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot be read: {e.Message}", e);
        }

        if (bytes.Length < Magic.Length + 4 + DigestLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointException(path, "is not an Orchestrator checkpoint (it does not start with ORCHCKPT).");
        }

        var content = bytes.AsSpan(0, bytes.Length - DigestLength);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - DigestLength)))
        {
            throw new CheckpointException(path, "is corrupted: its SHA-256 does not match its contents (the file was damaged or truncated). Use an earlier checkpoint.");
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length, 4));
        var headerStart = Magic.Length + 4;
        if (headerLength <= 0 || headerStart + headerLength > content.Length)
        {
            throw new CheckpointException(path, "has a header length that does not fit the file.");
        }

        CheckpointHeader header;
        try
        {
            header = JsonSerializer.Deserialize<CheckpointHeader>(bytes.AsSpan(headerStart, headerLength), Json)
                ?? throw new JsonException("the header is null");
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"has an unreadable header: {e.Message}", e);
        }

        if (header.FormatVersion > FormatVersion || header.FormatVersion < 1)
        {
            throw new CheckpointException(path, $"has format version {header.FormatVersion}; this build reads versions 1 to {FormatVersion}.");
        }

        var modelStart = (long)headerStart + headerLength;
        if (header.ModelBytes <= 0 || header.OptimizerBytes < 0 || modelStart + header.ModelBytes + header.OptimizerBytes != content.Length)
        {
            throw new CheckpointException(path, "has section lengths that do not add up to the file's length.");
        }

        var model = bytes.AsSpan((int)modelStart, (int)header.ModelBytes).ToArray();
        var optimizer = header.OptimizerBytes == 0 ? null : bytes.AsSpan((int)(modelStart + header.ModelBytes), (int)header.OptimizerBytes).ToArray();
        return new Checkpoint(header, model, optimizer);
    }

    /// <summary>Saves a model alone (no training state), e.g. a model version for the registry.</summary>
    public static void SaveModel(string path, DecoderTransformer model, string alphabet, int step = 0) =>
        Write(path, new CheckpointHeader(FormatVersion, model.Config, alphabet, step, null, null, null, 0, 0), ModelState(model), null);

    /// <summary>Loads the model of a checkpoint onto <paramref name="device"/>.</summary>
    /// <exception cref="CheckpointException">The file is unusable or its shape differs from <paramref name="expected"/>.</exception>
    public static DecoderTransformer LoadModel(string path, TorchSharp.torch.Device device, TransformerConfig? expected = null) =>
        Read(path).CreateModel(path, device, expected);

    /// <summary>The model's state dict in TorchSharp's format.</summary>
    internal static byte[] ModelState(DecoderTransformer model)
    {
        using var stream = new MemoryStream();
        model.save(stream);
        return stream.ToArray();
    }
}
