using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Orchestrator.AI.Connections;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.AI.Editing;

/// <summary>
/// <c>llm</c>: proposes self-edits by asking a chat model through Semantic Kernel, one request per proposal slot,
/// each with the connection's timeout. The prompt (<see cref="EditPrompt"/>) holds the definition, its tunables and
/// bounds, what it must not touch and the journal with outcomes; the answer is a patch and a rationale (JSON, asked
/// for as such where the endpoint supports it). An answer that is not a patch, a timeout or an endpoint error spends
/// the slot (<see cref="EditProposal.Spent"/>) and never fails the outer loop; what a usable answer proposes goes
/// through the same <c>SelfEditPolicy</c> as every editor's. It learns the screened gain of each patch it proposed
/// (<see cref="LearnedGains"/>) and shows it in later prompts, across runs through its state.
/// </summary>
public sealed class LlmEditor : IWorkflowEditor
{
    public const string EditorName = "llm";

    private readonly ChatConnection? _connection;
    private readonly IChatCompletionService? _chat;
    private readonly LearnedGains _gains = new();

    /// <summary>An editor that only learns and keeps its state (meta/learn): it has no endpoint and cannot propose.</summary>
    public LlmEditor() { }

    public LlmEditor(ChatConnection connection, IChatCompletionService chat) => (_connection, _chat) = (connection, chat);

    public string Name => EditorName;

    public LearnedGains Gains => _gains;

    public async Task<IReadOnlyList<EditProposal>> ProposeAsync(EditRequest request, CancellationToken cancellationToken)
    {
        if (_connection is null || _chat is null)
            throw new InvalidOperationException("this llm editor was made to learn only; an editor that proposes needs a chat connection (EditorSetup.Connection)");
        var proposals = new List<EditProposal>();
        for (var slot = 1; slot <= request.Count; slot++)
        {
            var earlier = proposals.Where(p => p.Failure is null).Select(p => p.Arm).Distinct(StringComparer.Ordinal).ToList();
            proposals.Add(await AskAsync(_connection, _chat, EditPrompt.Build(request, _gains, earlier), cancellationToken));
        }
        return proposals;
    }

    private static async Task<EditProposal> AskAsync(ChatConnection connection, IChatCompletionService chat, EditPrompt prompt, CancellationToken cancellationToken)
    {
        var history = new ChatHistory();
        history.AddSystemMessage(prompt.System);
        history.AddUserMessage(prompt.User);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.Timeout);
        ChatMessageContent answer;
        try
        {
            answer = await chat.GetChatMessageContentAsync(history, Settings(connection), kernel: null, timeout.Token);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The run is being stopped: that is not an answer, and the step is re-run when the run resumes.
            throw;
        }
        catch (Exception) when (timeout.IsCancellationRequested)
        {
            return EditProposal.Spent(string.Create(CultureInfo.InvariantCulture, $"timed out after {connection.Timeout.TotalSeconds:0.###} s waiting for {connection}"), connection.Model);
        }
        catch (Exception e)
        {
            // Whatever the endpoint or the network did, the slot is spent and the outer loop goes on.
            return EditProposal.Spent($"endpoint error from {connection}: {Describe(e, connection)}", connection.Model);
        }
        var (model, usage) = AnsweredBy(answer, connection);
        var parsed = EditAnswer.Parse(answer.Content);
        if (parsed.Failure is { } failure) return EditProposal.Spent(failure, model, usage, answer.Content);
        return new EditProposal(parsed.Patch!, EditArms.Of(parsed.Patch!), parsed.Rationale) { AnsweredBy = model, Usage = usage };
    }

#pragma warning disable SKEXP0010 // ResponseFormat is marked experimental in SK 1.82; it is how the OpenAI connector asks for a JSON answer.
    private static OpenAIPromptExecutionSettings Settings(ChatConnection connection) =>
        new() { ResponseFormat = connection.StructuredOutput ? "json_object" : null };
#pragma warning restore SKEXP0010

    /// <summary>The model the endpoint says answered and the tokens it reports, from the OpenAI completion behind SK's message.</summary>
    private static (string Model, TokenUsage? Usage) AnsweredBy(ChatMessageContent answer, ChatConnection connection)
    {
        if (answer.InnerContent is OpenAI.Chat.ChatCompletion completion)
            return (completion.Model is { Length: > 0 } m ? m : connection.Model,
                completion.Usage is { } u ? new TokenUsage(u.InputTokenCount, u.OutputTokenCount) : null);
        var usage = answer.Metadata?.GetValueOrDefault("Usage") is OpenAI.Chat.ChatTokenUsage reported ? new TokenUsage(reported.InputTokenCount, reported.OutputTokenCount) : null;
        return (answer.ModelId ?? connection.Model, usage);
    }

    private static string Describe(Exception e, ChatConnection connection)
    {
        if (e is not HttpOperationException http) return $"{e.GetType().Name}: {e.Message}";
        var status = http.StatusCode is { } code ? $"HTTP {(int)code} {code}" : "no HTTP status";
        var hint = http.StatusCode == HttpStatusCode.BadRequest && connection.StructuredOutput
            ? " (if the endpoint does not take response_format, set \"structuredOutput\": false in the connection)"
            : "";
        return $"{status}: {ErrorMessage(http) ?? http.Message}{hint}";
    }

    /// <summary>OpenAI's error body, <c>{"error": {"message": ...}}</c>, says more than the status line.</summary>
    private static string? ErrorMessage(HttpOperationException e)
    {
        try
        {
            return e.ResponseContent is { Length: > 0 } body && JsonNode.Parse(body)?["error"]?["message"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public void Learn(string arm, double reward) => _gains.Add(arm, reward);

    public JsonObject SaveState() => new() { ["editor"] = Name, ["gains"] = _gains.Save() };

    public void LoadState(JsonObject state)
    {
        if (state["editor"]?.GetValue<string>() != Name || state["gains"] is not JsonObject gains)
            throw new FormatException($"not an {Name} editor state (it has no \"editor\": \"{Name}\" and \"gains\")");
        _gains.Load(gains);
    }
}
