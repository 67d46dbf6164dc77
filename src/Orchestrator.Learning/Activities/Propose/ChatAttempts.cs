using Microsoft.Extensions.AI;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Learning.Activities.Propose;

/// <summary>
/// Attempts by a chat model: each task prompt is written the task's readable way (<c>12+34</c>), sent as one chat
/// request with the round's temperature and its own seed, and the reply read back into the task's form. Requests go
/// out several at once, so an endpoint that batches (our own <c>serve</c> does) answers them together.
/// </summary>
internal sealed class ChatAttempts(IChatClient client, string description, IChatForm form, int concurrency)
{
    /// <summary>The instruction every request carries: the answer alone, so the reply can be read as one.</summary>
    public const string Instruction = "Reply with the answer alone: no words, no working, no punctuation.";

    /// <summary>The reply to each prompt in the task's form, and the model the endpoint says answered.</summary>
    /// <exception cref="ChatProposeException">The endpoint failed a request; the message names the connection.</exception>
    public async Task<(string Answer, string Model)[]> AnswerAsync(IReadOnlyList<string> taskPrompts, double temperature, long seed, Action<int> onDone, CancellationToken cancellationToken)
    {
        var answers = new (string, string)[taskPrompts.Count];
        using var slots = new SemaphoreSlim(concurrency);
        var done = 0;
        await Task.WhenAll(taskPrompts.Select(async (prompt, i) =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var options = new ChatOptions { Temperature = (float)temperature, Seed = seed + i };
                ChatResponse response;
                try
                {
                    response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, Instruction), new ChatMessage(ChatRole.User, form.WritePrompt(prompt))], options, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    throw new ChatProposeException($"the chat model {description} failed on \"{form.WritePrompt(prompt)}\": {e.Message}", e);
                }
                answers[i] = (form.ReadAnswer(prompt, response.Text), response.ModelId ?? "?");
                onDone(Interlocked.Increment(ref done));
            }
            finally
            {
                slots.Release();
            }
        }));
        return answers;
    }
}

/// <summary>A chat model that did not answer; the step fails with the message and may be retried.</summary>
internal sealed class ChatProposeException(string message, Exception inner) : Exception(message, inner);
