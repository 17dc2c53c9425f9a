using Hark.Engine.Batches;
using Hark.Engine.Import;
using Hark.Testing;

namespace Hark.Engine.Tests.Batches;

public sealed class BatchBookTests
{
    private static BatchStatus Batch(int concurrency, params BatchItemState[] states) => new()
    {
        Id = "b",
        Phase = BatchPhase.Running,
        Concurrency = concurrency,
        Created = DateTimeOffset.UnixEpoch,
        Template = new ImportRequest { Id = "batch", SourcePath = "" },
        Items = [.. states.Select((s, i) => new BatchItem { Source = $"/cards/{i}.wav", RecordingId = $"r{i}", State = s })],
    };

    [Fact]
    public void Starts_pending_items_in_order_into_the_free_slots_only()
    {
        var batch = Batch(2, BatchItemState.Complete, BatchItemState.Importing, BatchItemState.Pending, BatchItemState.Failed, BatchItemState.Pending);
        Assert.Equal([2], BatchBook.NextToStart(batch));
        Assert.Empty(BatchBook.NextToStart(Batch(1, BatchItemState.Importing, BatchItemState.Pending)));
        Assert.Equal([0, 1, 2], BatchBook.NextToStart(Batch(8, BatchItemState.Pending, BatchItemState.Pending, BatchItemState.Pending)));
    }

    [Fact]
    public void An_import_status_sets_the_item_and_an_unknown_one_sends_it_back_to_pending()
    {
        var item = new BatchItem { Source = "/a.wav", RecordingId = "a", State = BatchItemState.Importing };
        Assert.Equal(new BatchItem { Source = "/a.wav", RecordingId = "a", State = BatchItemState.Importing, ChunksDone = 3, ChunkCount = 9, SourceSeconds = 17 },
            BatchBook.Apply(item, new RecordingStatus("a", RecordingPhase.Importing, 3, 9, null, 4, 17)));
        Assert.Equal(BatchItemState.Complete, BatchBook.Apply(item, new RecordingStatus("a", RecordingPhase.Complete, 9, 9)).State);
        var failed = BatchBook.Apply(item, new RecordingStatus("a", RecordingPhase.Failed, 0, 9, "unreadable"));
        Assert.Equal((BatchItemState.Failed, "unreadable"), (failed.State, failed.Reason));
        Assert.Equal(BatchItemState.Pending, BatchBook.Apply(item, new RecordingStatus("a", RecordingPhase.Unknown, 0, 0)).State);
    }

    [Fact]
    public void A_batch_finishes_once_every_item_is_settled_and_progress_counts_chunks()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        var running = Batch(2, BatchItemState.Complete, BatchItemState.Importing);
        Assert.Equal(BatchPhase.Running, BatchBook.With(running, running.Items, now).Phase);
        var settled = BatchBook.With(running, [running.Items[0], running.Items[1] with { State = BatchItemState.Skipped }], now);
        Assert.Equal((BatchPhase.Finished, now), (settled.Phase, settled.Finished!.Value));
        Assert.True(BatchBook.Changed(running, settled));
        Assert.False(BatchBook.Changed(running, running with { Items = [.. running.Items] }));

        var half = Batch(2, BatchItemState.Complete, BatchItemState.Importing);
        half = half with { Items = [half.Items[0], half.Items[1] with { ChunksDone = 1, ChunkCount = 4 }] };
        Assert.Equal(0.625, BatchBook.Progress(half), 9);
    }
}

public sealed class BatchSourcesTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-batch-sources");

    public void Dispose() => _dir.Dispose();

    private string Touch(string relative)
    {
        var path = _dir.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void Folders_take_their_audio_files_globs_their_matches_and_a_named_file_is_taken_as_it_is()
    {
        var a = Touch("card/20260530_041200.wav");
        var b = Touch("card/20260530_051200.WAV");
        Touch("card/notes.txt");
        Touch("card/.hidden.wav");
        Touch("card/deeper/20260530_061200.wav");
        var named = Touch("other/readme.txt");

        var items = BatchSources.Expand([_dir.File("card"), named]);
        Assert.Equal([a, b, named], items.Select(i => i.Source));
        Assert.Equal(["20260530_041200", "20260530_051200", "readme"], items.Select(i => i.RecordingId));
        Assert.Equal([b], BatchSources.Expand([_dir.File("card/*_05????.WAV")]).Select(i => i.Source));
    }

    [Fact]
    public void The_same_file_name_on_two_cards_gets_each_card_name_and_bad_entries_are_refused()
    {
        Touch("card1/dawn.wav");
        Touch("card2/dawn.wav");
        Touch("card2/dusk.wav");
        Assert.Equal(["card1-dawn", "card2-dawn", "dusk"], BatchSources.Expand([_dir.File("card1"), _dir.File("card2")]).Select(i => i.RecordingId));

        Assert.Contains("no such file", Assert.Throws<FileNotFoundException>(() => BatchSources.Expand([_dir.File("absent.wav")])).Message);
        Assert.Contains("matches no file", Assert.Throws<FileNotFoundException>(() => BatchSources.Expand([_dir.File("card1/*.flac")])).Message);
        Assert.Contains("no audio file", Assert.Throws<FileNotFoundException>(() => BatchSources.Expand([Directory.CreateDirectory(_dir.File("empty")).FullName])).Message);
        Assert.Throws<ImportRefusedException>(() => BatchSources.Expand([" "]));
    }
}
