using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Core.Parsing;

/// <summary>Reads a JSON definition into a tree, recording the line of every node (comments and trailing commas allowed).</summary>
public static class JsonDocumentReader
{
    public static ParsedDocument Read(string file, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = DocumentLimits.MaxDepth });
        var map = new SourceMap();
        try
        {
            if (!reader.Read())
                throw new DefinitionSyntaxException(file, new SourceLocation(1, 1), "the file is empty; a definition needs at least 'id' and 'steps'.");
            var root = ReadValue(ref reader, "", map, lineStarts);
            if (reader.Read())
                throw new DefinitionSyntaxException(file, Locate(reader.TokenStartIndex, lineStarts), "unexpected content after the end of the document.");
            if (root is not JsonObject obj)
                throw new DefinitionSyntaxException(file, new SourceLocation(1, 1), "the top level must be an object with 'id', 'steps' and the other sections.");
            return new ParsedDocument(file, obj, map);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new DefinitionSyntaxException(file, new SourceLocation(line, column), e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]);
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string pointer, SourceMap map, List<long> lineStarts)
    {
        map.Add(pointer, Locate(reader.TokenStartIndex, lineStarts));
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    if (obj.ContainsKey(key))
                        throw new JsonException($"the key '{key}' appears twice in the same object; keep one.", null, LineOf(reader.TokenStartIndex, lineStarts), 0);
                    reader.Read();
                    obj[key] = ReadValue(ref reader, JsonPointer.Append(pointer, key), map, lineStarts);
                }
                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    array.Add(ReadValue(ref reader, JsonPointer.Append(pointer, array.Count), map, lineStarts));
                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var integer) ? JsonValue.Create(integer) : JsonValue.Create(reader.GetDouble());
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private static List<long> LineStarts(byte[] bytes)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    private static long LineOf(long offset, List<long> lineStarts)
    {
        var index = lineStarts.BinarySearch(offset);
        return index >= 0 ? index : ~index - 1;
    }

    private static SourceLocation Locate(long offset, List<long> lineStarts)
    {
        var line = LineOf(offset, lineStarts);
        return new SourceLocation((int)line + 1, (int)(offset - lineStarts[(int)line]) + 1);
    }
}
