namespace Hark.Storage.Blobs;

/// <summary>
/// An exclusive lock on a file, across threads and processes: .NET opens a file with FileShare.None under an
/// advisory flock(2) on Unix, which another open of the same file (in any process) cannot take until it is
/// closed. A process that dies releases its locks with its file descriptors, so a crash never leaves a key locked.
/// </summary>
internal sealed class KeyLock : IDisposable
{
    /// <summary>Long enough for any compare-and-swap to finish under load; a holder that takes longer is a bug.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly FileStream _file;

    private KeyLock(FileStream file) => _file = file;

    public static async Task<KeyLock> AcquireAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + Patience;
        int wait = 1;
        while (true)
        {
            try
            {
                return new KeyLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by another writer of the same key: it holds it for one small write only.
                await Task.Delay(wait, ct);
                wait = Math.Min(wait * 2, 20);
            }
            catch (IOException e)
            {
                throw new IOException($"{path}: could not take the lock within {Patience.TotalSeconds:0} s: {e.Message}", e);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
