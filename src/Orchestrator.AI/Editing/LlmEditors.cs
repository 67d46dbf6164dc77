using Orchestrator.AI.Connections;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.AI.Editing;

/// <summary>Registers the <c>llm</c> editor, which asks the chat connection a step names (<c>connection</c>, default <c>editor</c>).</summary>
public static class LlmEditors
{
    /// <param name="registry">The editors workflows may name.</param>
    /// <param name="connections">The configured connections, read when an editor is first made (so a process that never proposes with it needs none).</param>
    public static EditorRegistry AddLlmEditor(this EditorRegistry registry, Func<ChatConnections> connections) =>
        registry.Add(LlmEditor.EditorName, setup => Create(setup, connections));

    /// <exception cref="EditorUnavailableException">The connection is not configured, the file is invalid, or its key is not set; the message says what to write where.</exception>
    public static LlmEditor Create(EditorSetup setup, Func<ChatConnections> connections)
    {
        if (setup.Connection is not { } name) return new LlmEditor();
        ChatConnections configured;
        try
        {
            configured = connections();
        }
        catch (ChatConnectionException e)
        {
            throw new EditorUnavailableException($"the llm editor cannot read its chat connections: {e.Message}");
        }
        if (!configured.TryGet(name, out var connection)) throw new EditorUnavailableException(Missing(configured, name));
        try
        {
            return new LlmEditor(connection, EditorChatServices.Create(connection));
        }
        catch (ChatConnectionException e)
        {
            throw new EditorUnavailableException($"the llm editor cannot use its connection: {e.Message}");
        }
    }

    private static string Missing(ChatConnections configured, string name) => configured.Source is null
        ? $"the llm editor asks the chat connection '{name}', and none are configured: write ./{ChatConnections.DefaultFile} (or set ${ChatConnections.Variable} to a file) with "
          + $"{{\"chat\": {{\"{name}\": {{\"kind\": \"openai\", \"endpoint\": \"https://api.openai.com/v1\", \"model\": \"gpt-4o-mini\", \"keyVariable\": \"OPENAI_API_KEY\"}}}}}} "
          + "and export that variable; any OpenAI-compatible endpoint works (docs/improvement-loop.md, \"The LLM editor\")"
        : $"the llm editor asks the chat connection '{name}', and {configured.Source} has no /chat/{name} (it has {(configured.Names.Any() ? string.Join(", ", configured.Names) : "none")}): "
          + $"add it there, or name another with the step's connection input (meta-improve: -i connection=NAME)";
}
