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
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some malformed flow collections (an unclosed '[' followed by more lines) this way.
            throw new DefinitionSyntaxException(file, null, $"malformed YAML ({e.Message}); check for an unclosed '[' or '{{'.");
        }

        if (stream.Documents.Count == 0)
            throw new DefinitionSyntaxException(file, null, "the file is empty; a definition needs at least 'id' and 'steps'.");
        if (stream.Documents.Count > 1)
            throw new DefinitionSyntaxException(file, Locate(stream.Documents[1].RootNode), "the file holds more than one YAML document; put one definition per file.");

        var map = new SourceMap();
        var root = Convert(file, stream.Documents[0].RootNode, "", map);
        if (root is not JsonObject obj)
            throw new DefinitionSyntaxException(file, Locate(stream.Documents[0].RootNode), "the top level must be a mapping with 'id', 'steps' and the other sections.");
        return new ParsedDocument(file, obj, map);
    }

    private static JsonNode? Convert(string file, YamlNode node, string pointer, SourceMap map)
    {
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
                    obj[key] = Convert(file, valueNode, child, map);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                    array.Add(Convert(file, sequence.Children[i], JsonPointer.Append(pointer, i), map));
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
