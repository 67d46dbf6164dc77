using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Orchestrator.Core.Registry;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Sampling;

namespace Orchestrator.AI.Chat;

/// <summary>
/// A registered model as a Microsoft.Extensions.AI chat client (and, through <c>AsChatCompletionService()</c>, a
/// Semantic Kernel chat completion service). It serves one version or alias, resolved on every request, so a
/// promotion is answered at once. A client writes problems the task's readable way (<c>12+34</c>) and reads answers
/// the same way (<c>46</c>); the task's own form stays inside. Sampling follows the request: temperature (greedy at 0,
/// the default), top-p, max tokens, seed and stop sequences. Every response names the exact version that answered.
/// </summary>
public sealed class ModelChatClient(ServedModels models, string reference) : IChatClient
{
    /// <summary>The name responses give for who made them.</summary>
    public const string ProviderName = "orchestrator";

    /// <summary>The key under which responses carry the checkpoint hash that answered.</summary>
    public const string CheckpointProperty = "orchestrator.checkpoint";

    public string Reference { get; } = reference;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = await PrepareAsync(messages, options, cancellationToken);
        using (request.Lease)
        {
            var answer = await request.Served.GenerateAsync(request.Row, null, cancellationToken);
            var (text, stopped) = StopSequences.Cut(request.Readable(answer.Tokens), request.Stops);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
            {
                ResponseId = request.Id,
                ModelId = request.Version.Reference,
                CreatedAt = request.Created,
                FinishReason = request.FinishReason(answer, stopped),
                Usage = request.Usage(answer),
                AdditionalProperties = request.Properties(),
            };
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = await PrepareAsync(messages, options, cancellationToken);
        using (request.Lease)
        {
            var tokens = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var generating = request.Served.GenerateAsync(request.Row, token => tokens.Writer.TryWrite(token), cancellationToken);
            _ = generating.ContinueWith(_ => tokens.Writer.TryComplete(), TaskScheduler.Default);
            var stops = new StopSequences(request.Stops);
            if (request.Served.Form.StreamsInOrder)
            {
                // Each token as it is decoded: the readable answer so far, less what was already sent.
                var sofar = new List<int>();
                var sent = "";
                await foreach (var token in tokens.Reader.ReadAllAsync(cancellationToken))
                {
                    sofar.Add(token);
                    var readable = request.Readable(sofar);
                    if (readable.Length <= sent.Length || !readable.StartsWith(sent, StringComparison.Ordinal)) continue;
                    var piece = stops.Push(readable[sent.Length..]);
                    sent = readable;
                    if (piece.Length > 0) yield return request.Update(piece);
                }
            }
            var answer = await generating;
            // A form read in another order than the model writes is whole only at the end.
            var rest = request.Served.Form.StreamsInOrder ? stops.Flush() : stops.Push(request.Readable(answer.Tokens)) + stops.Flush();
            if (rest.Length > 0) yield return request.Update(rest);
            var last = request.Update(null);
            last.FinishReason = request.FinishReason(answer, stops.Stopped);
            last.Contents.Add(new UsageContent(request.Usage(answer)));
            last.AdditionalProperties = request.Properties();
            yield return last;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(ProviderName, null, Reference)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private async Task<Request> PrepareAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var version = await ModelReference.ResolveAsync(models.Services.Loop.Models, Reference, cancellationToken);
        var lease = await models.AcquireAsync(version, cancellationToken);
        try
        {
            var served = lease.Model;
            var text = ChatPrompt.Of(messages, served.Form.Example);
            var taskPrompt = served.Form.ReadPrompt(text, out var problem)
                ?? throw new InvalidChatRequestException($"{version.Reference} answers {served.Task.Name}: {problem}");
            var prompt = served.Model.Tokenizer.EncodePrompt(taskPrompt);
            var most = served.MostNewTokens(prompt.Length);
            if (most < 1) throw new InvalidChatRequestException($"the problem is {prompt.Length} tokens, as long as {version.Reference} reads; send a shorter one");
            var maxTokens = options?.MaxOutputTokens ?? prompt.Length + 2;
            if (maxTokens < 1) throw new InvalidChatRequestException($"max tokens must be 1 or more, not {maxTokens}");
            var temperature = options?.Temperature ?? 0;
            if (!(temperature >= 0 && temperature <= 10)) throw new InvalidChatRequestException($"temperature must be between 0 and 10, not {temperature}");
            var topP = options?.TopP ?? 1;
            if (!(topP > 0 && topP <= 1)) throw new InvalidChatRequestException($"top-p must be above 0 and at most 1, not {topP}");
            var random = temperature > 0 ? new SeededRandom(options?.Seed ?? Random.Shared.NextInt64()) : null;
            var row = new SamplingRow(prompt, Math.Min(maxTokens, most), temperature, topP, random);
            return new Request(version, lease, taskPrompt, row, options?.StopSequences?.ToList() ?? []);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>One request as prepared: the version resolved, its checkpoint held, the prompt in the task's form.</summary>
    private sealed record Request(ModelVersion Version, ServedModels.Lease Lease, string TaskPrompt, SamplingRow Row, IReadOnlyList<string> Stops)
    {
        public string Id { get; } = "chatcmpl-" + Guid.NewGuid().ToString("N");
        public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;
        public ServedModel Served => Lease.Model;

        public string Readable(IEnumerable<int> tokens) => Served.Form.WriteAnswer(TaskPrompt, Served.Model.Tokenizer.Decode(tokens));

        // No end token within the limit means the answer was cut short.
        private bool Ended(SampledAnswer answer) => answer.Tokens.Length < Row.MaxNewTokens;

        public ChatFinishReason FinishReason(SampledAnswer answer, bool stopped) => stopped || Ended(answer) ? ChatFinishReason.Stop : ChatFinishReason.Length;

        public UsageDetails Usage(SampledAnswer answer)
        {
            var completion = answer.Tokens.Length + (Ended(answer) ? 1 : 0);
            return new UsageDetails { InputTokenCount = Row.Prompt.Length, OutputTokenCount = completion, TotalTokenCount = Row.Prompt.Length + completion };
        }

        public AdditionalPropertiesDictionary Properties() => new() { [CheckpointProperty] = Version.CheckpointHash };

        public ChatResponseUpdate Update(string? text) => new(ChatRole.Assistant, text)
        {
            ResponseId = Id,
            MessageId = Id,
            ModelId = Version.Reference,
            CreatedAt = Created,
        };
    }
}
