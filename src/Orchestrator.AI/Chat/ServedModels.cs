using Orchestrator.Core.Registry;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Loop;

namespace Orchestrator.AI.Chat;

/// <summary>
/// The checkpoints loaded for serving, one per checkpoint hash (verified when loaded), at most
/// <see cref="Capacity"/> of them: the least recently used is unloaded when another is needed, once no request
/// holds it. Versions and aliases are resolved by the caller on every request, so a promotion is seen at once,
/// while two names for the same checkpoint share one copy of the weights.
/// </summary>
public sealed class ServedModels(LearningServices services, int capacity = 4, int maxBatch = 64, TimeSpan? linger = null) : IAsyncDisposable
{
    /// <summary>How long a batch waits for the rest of a group of clients by default (see <see cref="GenerationBatcher"/>).</summary>
    public static TimeSpan DefaultLinger { get; } = TimeSpan.FromMilliseconds(2);

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;
    private long _loads;

    public LearningServices Services { get; } = services;
    public int Capacity { get; } = capacity >= 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "at least one model is kept loaded");

    /// <summary>How many times a checkpoint was read from the artifact store.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>The loaded checkpoint of <paramref name="version"/>, held until the lease is disposed.</summary>
    /// <exception cref="InvalidChatRequestException">The version's task has no readable form, or is not known here.</exception>
    /// <exception cref="Core.Artifacts.ArtifactException">The checkpoint is missing or damaged.</exception>
    public async Task<Lease> AcquireAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(version.CheckpointHash, out entry!))
            {
                entry = new Entry(LoadAsync(version));
                _entries[version.CheckpointHash] = entry;
            }
            entry.Leases++;
            entry.LastUsed = ++_clock;
        }
        try
        {
            var model = await entry.Loading.WaitAsync(cancellationToken);
            return new Lease(this, entry, model);
        }
        catch
        {
            Release(entry, failed: entry.Loading.IsFaulted ? version.CheckpointHash : null);
            throw;
        }
    }

    private async Task<ServedModel> LoadAsync(ModelVersion version)
    {
        // Started under the cache's lock: yield first, so reading and loading the checkpoint happen outside it.
        await System.Threading.Tasks.Task.Yield();
        try
        {
            var (task, form) = await TaskOfAsync(version);
            Interlocked.Increment(ref _loads);
            var loaded = await ModelVersions.LoadAsync(Services, version, CancellationToken.None);
            return new ServedModel(loaded, task, form, maxBatch, linger ?? DefaultLinger);
        }
        catch (Exception e) when (e is Core.Artifacts.ArtifactException or Learning.Checkpoints.CheckpointException)
        {
            throw new ModelUnavailableException($"{version.Reference} cannot be served: {e.Message}", e);
        }
    }

    /// <summary>The task a version answers: the one it records, or for a version from before tasks were recorded, the only readable task over its alphabet.</summary>
    private async Task<(ITaskFamily, IChatForm)> TaskOfAsync(ModelVersion version)
    {
        var tasks = Services.Loop.Tasks;
        if (version.Metrics[ModelVersions.TaskMetric]?.GetValue<string>() is { } name)
        {
            if (!tasks.TryGet(name, out var recorded)) throw new InvalidChatRequestException($"{version.Reference} was trained on the task {name}, which no loaded plugin provides");
            return recorded is IChatForm form ? (recorded, form)
                : throw new InvalidChatRequestException($"{version.Reference} answers {name}, which declares no readable form (IChatForm); it cannot be served as a chat model");
        }
        var readable = tasks.Names.Select(n => tasks.TryGet(n, out var t) ? t : null).OfType<ITaskFamily>().Where(t => t is IChatForm).ToList();
        var path = await Services.Loop.Artifacts.GetVerifiedPathAsync(version.CheckpointHash, $"model {version.Reference}", CancellationToken.None);
        var alphabet = Learning.Checkpoints.CheckpointFile.Read(path).Header.Alphabet;
        var matching = readable.Where(t => t.Alphabet == alphabet).ToList();
        return matching.Count == 1 ? (matching[0], (IChatForm)matching[0])
            : throw new InvalidChatRequestException($"{version.Reference} does not record its task, and {(matching.Count == 0 ? "no readable task has" : "several tasks have")} its alphabet \"{alphabet}\"; it cannot be served as a chat model");
    }

    private void Release(Entry entry, string? failed = null)
    {
        var unload = new List<ServedModel>();
        lock (_gate)
        {
            entry.Leases--;
            if (failed is not null && _entries.GetValueOrDefault(failed) == entry) _entries.Remove(failed);
            // Unload the least recently used beyond capacity, of those no request holds.
            var idle = _entries.Where(e => e.Value.Leases == 0 && e.Value.Loading.IsCompletedSuccessfully).OrderBy(e => e.Value.LastUsed).ToList();
            foreach (var (hash, old) in idle.Take(Math.Max(0, _entries.Count - Capacity)))
            {
                _entries.Remove(hash);
                unload.Add(old.Loading.Result);
            }
        }
        foreach (var model in unload) _ = model.DisposeAsync().AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        List<Entry> all;
        lock (_gate)
        {
            all = [.. _entries.Values];
            _entries.Clear();
        }
        foreach (var entry in all.Where(e => e.Loading.IsCompletedSuccessfully)) await entry.Loading.Result.DisposeAsync();
    }

    internal sealed class Entry(Task<ServedModel> loading)
    {
        public Task<ServedModel> Loading { get; } = loading;
        public int Leases { get; set; }
        public long LastUsed { get; set; }
    }

    /// <summary>A loaded checkpoint held for one request.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly ServedModels _owner;
        private readonly Entry _entry;
        private int _released;

        internal Lease(ServedModels owner, Entry entry, ServedModel model) => (_owner, _entry, Model) = (owner, entry, model);

        public ServedModel Model { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) _owner.Release(_entry);
        }
    }
}
