using Hark.Storage;

namespace Hark.Engine.Segments;

/// <summary>Reads samples S..S+N of a recording, sample-exact, from the archive.</summary>
public interface ISegmentReader
{
    /// <summary>The complete recording's metadata (cached with its index). RecordingNotFoundException if absent.</summary>
    Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes the segment to <paramref name="destination"/> in <paramref name="format"/>, streaming.
    /// SegmentRangeException for a negative start, a zero count or a range past the end.</summary>
    Task ReadSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken);

    /// <summary>Decodes the segment into interleaved floats (count x channels values); returns samples per channel.</summary>
    ValueTask<int> ReadSamplesAsync(string id, long startSample, int count, Memory<float> interleaved, CancellationToken cancellationToken);
}
