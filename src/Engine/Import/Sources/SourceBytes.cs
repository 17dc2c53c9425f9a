using Hark.Storage;
using Microsoft.Win32.SafeHandles;

namespace Hark.Engine.Import.Sources;

/// <summary>Positional reads of a source's bytes, so many chunk readers share one source: a file, or a blob by range.</summary>
internal abstract class SourceBytes : IDisposable
{
    /// <summary>Up to <paramref name="destination"/>'s length from <paramref name="offset"/>; 0 past the end.</summary>
    public abstract ValueTask<int> ReadAtAsync(long offset, Memory<byte> destination, CancellationToken ct);

    public virtual void Dispose()
    {
    }

    /// <summary>The planned source's bytes: its file, or the blob it names (its size checked against the plan).</summary>
    public static async Task<SourceBytes> OpenAsync(ImportPlan plan, IBlobStore archive, CancellationToken ct)
    {
        if (!RemoteSource.IsRemote(plan.SourcePath))
        {
            return new FileBytes(File.OpenHandle(plan.SourcePath, FileMode.Open, FileAccess.Read, FileShare.Read));
        }
        var remote = await RemoteSource.ResolveAsync(plan.SourcePath, archive, Hark.Media.Tools.ChildEnvironment.Read, ct);
        long size;
        try
        {
            size = await remote.Store.GetSizeAsync(remote.Key, ct);
        }
        catch (BlobNotFoundException)
        {
            size = -1;
        }
        if (size != plan.SourceSize)
        {
            throw new ImportRefusedException($"{plan.SourceName} changed or disappeared after the import was planned; import it again");
        }
        return new BlobBytes(remote.Store, remote.Key);
    }

    private sealed class FileBytes(SafeFileHandle file) : SourceBytes
    {
        // A positional read of a few KiB, mostly from the page cache: done here, where RandomAccess.ReadAsync on this
        // (non-overlapped) handle would queue the same read to another thread and resume the encoder there, per read.
        public override ValueTask<int> ReadAtAsync(long offset, Memory<byte> destination, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            return ValueTask.FromResult(RandomAccess.Read(file, destination.Span, offset));
        }

        public override void Dispose() => file.Dispose();
    }

    /// <summary>A blob read a window at a time: a chunk reader asks for a few KiB at a time, in order, and one range
    /// request of a MiB serves dozens of them.</summary>
    private sealed class BlobBytes(IBlobStore store, string key) : SourceBytes
    {
        private const int Window = 1 << 20;

        private readonly byte[] _window = new byte[Window];
        private long _windowStart = -1;
        private int _windowLength;

        public override async ValueTask<int> ReadAtAsync(long offset, Memory<byte> destination, CancellationToken ct)
        {
            if (_windowStart < 0 || offset < _windowStart || offset >= _windowStart + _windowLength)
            {
                _windowLength = await store.ReadRangeAsync(key, offset, _window, ct);
                _windowStart = offset;
                if (_windowLength == 0)
                {
                    _windowStart = -1;
                    return 0;
                }
            }
            int from = (int)(offset - _windowStart);
            int count = Math.Min(destination.Length, _windowLength - from);
            _window.AsMemory(from, count).CopyTo(destination);
            return count;
        }
    }
}
