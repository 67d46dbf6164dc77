namespace Orchestrator.Core.Parsing;

/// <summary>Reads a definition file, choosing YAML or JSON by its extension (or by its first character).</summary>
public static class DocumentReader
{
    public static ParsedDocument ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new DefinitionSyntaxException(path, null, "no such file; check the path.", fileMissing: true);
        return Read(path, File.ReadAllText(path));
    }

    public static ParsedDocument Read(string file, string text)
    {
        var isJson = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || (!file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                && text.TrimStart().StartsWith('{'));
        return isJson ? JsonDocumentReader.Read(file, text) : YamlDocumentReader.Read(file, text);
    }
}
