using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests.Import;

/// <summary>
/// A staged import keeps a bounded number of decoded chunks, whatever its length: staging stops the window ahead of
/// the encoders, and each chunk is deleted once no encoder reads it again. The recording is still the source exactly
/// (ffmpeg's decode is the oracle), and a resumed import counts encoded chunks whose PCM is gone as staged.
/// </summary>
public sealed class BoundedStagingTests : IDisposable
{
    private const int Ahead = 3;
    private readonly TempDirectory _dir = new("hark-bounded");
    private readonly ArchiveStore _archive;

    public BoundedStagingTests() => _archive = ArchiveStore.Open(_dir.File("archive"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Staging_stops_the_window_ahead_of_the_encoders_and_drops_the_chunks_they_are_done_with()
    {
        // A FLAC source is decoded into staging (a WAV would be read in place), in the shortest chunks: 65536 samples, 1.5 s.
        var source = await AudioGenerator.GenerateAsync("anoisesrc=c=pink:r=44100:a=0.3:seed=4:d=30.5,aformat=channel_layouts=stereo",
            _dir.File("long.flac"), "-c:a", "flac", "-sample_fmt", "s16");
        var steps = new WatchedSteps(new ImportSteps(_archive), _archive);
        var request = new ImportRequest { Id = "long", SourcePath = source, Codec = ImportCodec.Parse("lac"), ChunkSeconds = 1 };

        var metadata = await new LocalImporter(steps, Ahead).ImportAsync(request, 1, null, CancellationToken.None);

        // With the first encode held, staging staged exactly the window and waited for the next chunk.
        Assert.Equal(Ahead, steps.StagedWhileFirstHeld);
        Assert.Equal(1_345_050, metadata.TotalSamples); // 21 chunks
        // Never more than the window, the chunk an encode reads its lead-in from and one or two not deleted yet.
        Assert.InRange(steps.MostStaged, Ahead, Ahead + 3);
        Assert.True(steps.DeletedBeforeTheEnd, "chunks were deleted while the import ran");

        using var read = new MemoryStream();
        await new SegmentReader(new RecordingCache(_archive)).ReadSegmentAsync("long", 0, metadata.TotalSamples, SegmentFormat.S16, read, CancellationToken.None);
        var expected = (await ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-i", source, "-f", "s16le", "-")).StandardOutput;
        Assert.Equal(expected.Length, read.Length);
        Assert.True(expected.AsSpan().SequenceEqual(read.ToArray()), "the recording is the source exactly");
    }

    [Fact]
    public async Task A_resumed_import_counts_encoded_chunks_whose_pcm_was_deleted_as_staged()
    {
        var source = await AudioGenerator.GenerateAsync("anoisesrc=c=pink:r=44100:a=0.3:seed=5:d=12", _dir.File("short.flac"), "-c:a", "flac"); // 9 chunks
        var steps = new ImportSteps(_archive);
        var request = new ImportRequest { Id = "resumed", SourcePath = source, Codec = ImportCodec.Parse("lac"), ChunkSeconds = 1 };
        var plan = await steps.PlanAsync(request, CancellationToken.None);
        var staging = _archive.Staging("resumed", plan.Token);
        // A first run staged chunks 0..5 and encoded 0..3; the window deleted the PCM of 0..2 (3 is chunk 4's lead-in). Then it stopped.
        var window = new StagingWindow(Ahead);
        using (var stop = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => steps.StageSourceAsync(plan, async chunk =>
            {
                if (chunk == 5)
                {
                    await stop.CancelAsync();
                    return;
                }
                if (chunk >= 1)
                {
                    await steps.EncodeChunkAsync(plan.Id, plan.Token, chunk - 1, CancellationToken.None);
                    window.Encoded(chunk - 1);
                }
            }, window, null, stop.Token));
        }
        var pcm = await staging.ListPcmChunksAsync(CancellationToken.None);
        Assert.Equal([3, 4, 5], pcm.Where(c => c < 6).Order());
        Assert.Equal([0, 1, 2, 3], (await staging.ListEncodedChunksAsync(CancellationToken.None)).Order());
        var encodedFirst = Directory.EnumerateFiles(_dir.File("archive"), "enc-000000", SearchOption.AllDirectories).Single();
        var written = File.GetLastWriteTimeUtc(encodedFirst);

        DateTime? writtenAtCommit = null;
        var watched = new WatchedSteps(steps, _archive, holdFirstEncode: false, onCommit: () => writtenAtCommit = File.GetLastWriteTimeUtc(encodedFirst));
        var resumed = await new LocalImporter(watched, Ahead).ImportAsync(request, 1, null, CancellationToken.None);

        Assert.Equal(written, writtenAtCommit); // chunk 0 was not encoded again
        Assert.False(watched.SawChunkZeroStaged, "chunk 0 was not staged again");
        Assert.Equal(529_200, resumed.TotalSamples);
        using var read = new MemoryStream();
        await new SegmentReader(new RecordingCache(_archive)).ReadSegmentAsync("resumed", 0, resumed.TotalSamples, SegmentFormat.S16, read, CancellationToken.None);
        var expected = (await ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-i", source, "-f", "s16le", "-")).StandardOutput;
        Assert.True(expected.AsSpan().SequenceEqual(read.ToArray()), "the resumed recording is the source exactly");
    }

    /// <summary>
    /// The real steps, watching staging from the encoders' side: the first encode waits until staging waits on the
    /// window (unless told not to), every encode counts the staged chunks, and a hook runs as the commit starts.
    /// </summary>
    private sealed class WatchedSteps(IImportSteps inner, ArchiveStore archive, bool holdFirstEncode = true, Action? onCommit = null) : IImportSteps
    {
        private StagingWindow? _window;

        public int StagedWhileFirstHeld { get; private set; } = -1;
        public int MostStaged { get; private set; }
        public bool DeletedBeforeTheEnd { get; private set; }
        public bool SawChunkZeroStaged { get; private set; }

        public Task<ImportPlan> PlanAsync(ImportRequest request, CancellationToken ct) => inner.PlanAsync(request, ct);

        public Task<ImportPlan> StageSourceAsync(ImportPlan plan, Func<int, ValueTask> onChunkStaged, StagingWindow? window,
            IProgress<ImportProgress>? progress, CancellationToken ct)
        {
            _window = window;
            return inner.StageSourceAsync(plan, onChunkStaged, window, progress, ct);
        }

        public async Task<ChunkResult> EncodeChunkAsync(string id, string token, int chunkIndex, CancellationToken ct)
        {
            var staging = archive.Staging(id, token);
            if (chunkIndex == 0 && holdFirstEncode)
            {
                await Polling.UntilAsync(() => _window?.StagingWaitsFor == Ahead, "staging waits for chunk 3", ct);
                StagedWhileFirstHeld = (await staging.ListPcmChunksAsync(ct)).Count;
            }
            var staged = await staging.ListPcmChunksAsync(ct);
            MostStaged = Math.Max(MostStaged, staged.Count);
            DeletedBeforeTheEnd |= chunkIndex > 10 && !staged.Contains(0);
            SawChunkZeroStaged |= staged.Contains(0);
            return await inner.EncodeChunkAsync(id, token, chunkIndex, ct);
        }

        public Task<RecordingMetadata> CommitAsync(string id, string token, CancellationToken ct)
        {
            onCommit?.Invoke();
            return inner.CommitAsync(id, token, ct);
        }

        public Task<string> FailAsync(string id, string token, string reason, CancellationToken ct) => inner.FailAsync(id, token, reason, ct);

        public Task<ImportState> LoadAsync(string id, CancellationToken ct) => inner.LoadAsync(id, ct);
    }
}
