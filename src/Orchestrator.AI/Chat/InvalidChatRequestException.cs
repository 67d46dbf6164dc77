namespace Orchestrator.AI.Chat;

/// <summary>
/// A chat request a model cannot answer as asked: no problem in it, text its task cannot read, settings out of range.
/// It is an <see cref="ArgumentException"/>, so an HTTP front answers 400 with the message, which says what to send.
/// </summary>
public sealed class InvalidChatRequestException(string message) : ArgumentException(message);
