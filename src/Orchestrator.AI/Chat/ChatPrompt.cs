using Microsoft.Extensions.AI;

namespace Orchestrator.AI.Chat;

/// <summary>
/// The problem in a conversation: the text of its last user message. A served model answers one problem at a time;
/// system messages and earlier turns say nothing it can use.
/// </summary>
internal static class ChatPrompt
{
    public static string Of(IEnumerable<ChatMessage> messages, string example)
    {
        var last = messages.LastOrDefault(m => m.Role == ChatRole.User);
        if (last is null || string.IsNullOrWhiteSpace(last.Text))
            throw new InvalidChatRequestException($"the conversation has no user message with text; send the problem as the last user message, e.g. \"{example}\"");
        return last.Text;
    }
}
