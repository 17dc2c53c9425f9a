namespace Hark.Contracts;

/// <summary>
/// An export whose every byte is laid out before the first is written (an M4A: the frame index gives every size): its
/// length, a version that changes whenever its bytes would (an HTTP ETag), and any byte range of it, written without
/// writing what comes before. What lets a browser seek in an export over HTTP Range requests.
/// </summary>
public interface IRangedExport
{
    long Length { get; }

    string Version { get; }

    /// <summary>Writes bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="count"/>) of the export.</summary>
    Task WriteAsync(long offset, long count, Stream destination, CancellationToken cancellationToken);
}
