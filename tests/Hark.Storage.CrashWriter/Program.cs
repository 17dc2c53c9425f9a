using Hark.Storage;
using Hark.Storage.Blobs;
using Hark.Storage.CrashWriter;

// Usage: Hark.Storage.CrashWriter ARCHIVE_DIR ID FRAMES append|commit [replace]
//   append: stores FRAMES frames (several chunks), prints "READY <generation>" and waits.
//   commit: stores FRAMES frames and commits; blocks at the final write (the flip to complete), prints
//           "READY <generation>" there and waits. Either way the parent kills the process.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: ARCHIVE_DIR ID FRAMES append|commit [replace]");
    return 2;
}
var (directory, id, frames, mode) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);
bool replace = args.Length > 4 && args[4] == "replace";
var ready = new TaskCompletionSource<string>();
var store = new StallingBlobStore(new LocalDirectoryBlobStore(directory), $"recordings/{id}/zarr.json", "\"state\": \"complete\"", ready);
var archive = new ArchiveStore(store, new ArchiveOptions { AudioChunkBytes = 4096 });
var metadata = new RecordingMetadata { Id = id, Codec = AudioCodec.Aac, SampleRate = 48_000, Channels = 1, Bitrate = 96_000 };
var writer = await archive.CreateRecordingAsync(metadata, replace, CancellationToken.None);
var random = new Random(frames);
for (int i = 0; i < frames; i++)
{
    var frame = new byte[300 + random.Next(200)];
    random.NextBytes(frame);
    await writer.AppendFrameAsync(frame, CancellationToken.None);
}
if (mode == "append")
{
    ready.SetResult(writer.Generation);
}
else
{
    _ = writer.CommitAsync(metadata with { TotalSamples = frames * 1024L - 2048 }, CancellationToken.None);
}
var generation = await ready.Task;
Console.WriteLine($"READY {generation}");
await Console.Out.FlushAsync();
await Task.Delay(Timeout.Infinite);
return 0;
