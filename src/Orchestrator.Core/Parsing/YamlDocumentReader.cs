using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Core.Parsing;

/// <summary>
/// Reads YAML into the same JSON tree a JSON file gives, recording the line of every node.
/// Plain scalars follow the YAML 1.2 core schema (null, booleans, integers, floats); quoted ones stay strings.
/// </summary>
public static partial class YamlDocumentReader
{
    public static ParsedDocument Read(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new DefinitionSyntaxException(file, new SourceLocation((int)e.Start.Line, (int)e.Start.Column), InnermostMessage(e));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet reports some malformed flow collections (an unclosed '[' followed by more lines) and some stray
            // events (a directive or an explicit key where a value belongs) this way, with no position.
            throw new DefinitionSyntaxException(file, LastReadable(text), "malformed YAML near here; check for an unclosed '[' or '{'.");
        }

        // An empty file is located at its first line, so every syntax error names a place to look.
        if (stream.Documents.Count == 0)
            throw new DefinitionSyntaxException(file, new SourceLocation(1, 1), "the file is empty; a definition needs at least 'id' and 'steps'.");
        if (stream.Documents.Count > 1)
            throw new DefinitionSyntaxException(file, Locate(stream.Documents[1].RootNode), "the file holds more than one YAML document; put one definition per file.");

        var map = new SourceMap();
        var root = Convert(file, stream.Documents[0].RootNode, "", map, depth: 0);
        if (root is not JsonObject obj)
            throw new DefinitionSyntaxException(file, Locate(stream.Documents[0].RootNode), "the top level must be a mapping with 'id', 'steps' and the other sections.");
        return new ParsedDocument(file, obj, map);
    }

    private static JsonNode? Convert(string file, YamlNode node, string pointer, SourceMap map, int depth)
    {
        // depth counts the lists and mappings above this node; one more here would pass the limit.
        if (node is YamlMappingNode or YamlSequenceNode && depth >= DocumentLimits.MaxDepth)
            throw new DefinitionSyntaxException(file, Locate(node), $"lists and mappings nest more than {DocumentLimits.MaxDepth} levels deep here; a definition needs far fewer.");
        // The loader resolves aliases into shared nodes, so refuse the anchor that makes them possible:
        // a definition that may be patched by a self-edit must say each value in exactly one place.
        if (!node.Anchor.IsEmpty)
            throw new DefinitionSyntaxException(file, Locate(node), $"anchors and aliases (&{node.Anchor}) are not supported in definitions; repeat the value instead.");
        map.Add(pointer, Locate(node));
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                        throw new DefinitionSyntaxException(file, Locate(keyNode), "mapping keys must be plain text.");
                    if (obj.ContainsKey(key))
                        throw new DefinitionSyntaxException(file, Locate(keyNode), $"the key '{key}' appears twice in the same mapping; keep one.");
                    // A block value starts on the line after its key; locate it at the key, as JSON does.
                    var child = JsonPointer.Append(pointer, key);
                    if (valueNode is not YamlScalarNode) map.Add(child, Locate(keyNode));
                    obj[key] = Convert(file, valueNode, child, map, depth + 1);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                    array.Add(Convert(file, sequence.Children[i], JsonPointer.Append(pointer, i), map, depth + 1));
                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                throw new DefinitionSyntaxException(file, Locate(node), "this kind of YAML node is not supported in definitions; use mappings, lists and scalars.");
        }
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(value);
        if (value is "" or "~" or "null" or "Null" or "NULL") return null;
        if (value is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (value is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return JsonValue.Create(real);
        return JsonValue.Create(value);
    }

    /// <summary>Where the parser last read something it understood, for errors the loader reports without a position.</summary>
    private static SourceLocation LastReadable(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = new SourceLocation(1, 1);
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } current) last = new SourceLocation((int)current.Start.Line, (int)current.Start.Column);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
        }
        return last;
    }

    private static SourceLocation Locate(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    private static string InnermostMessage(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException) message = inner.Message;
        // YamlDotNet prefixes "(Line: a, Col: b, Idx: c) - (...): "; the position is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
