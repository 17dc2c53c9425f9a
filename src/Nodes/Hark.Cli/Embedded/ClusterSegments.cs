using Hark.Actors.Contracts;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Cli.Embedded;

/// <summary>Segment reads through the cluster's readers (the recording's sharded reader answers, in pieces).</summary>
internal sealed class ClusterSegments(IRecordingService recordings) : ISegmentReader
{
    public Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken cancellationToken) =>
        recordings.GetRecordingAsync(id, cancellationToken);

    public Task ReadSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken) =>
        recordings.WriteSegmentAsync(id, startSample, count, format, destination, cancellationToken);

    public ValueTask<int> ReadSamplesAsync(string id, long startSample, int count, Memory<float> interleaved, CancellationToken cancellationToken) =>
        StreamedSamples.ReadAsync(this, id, startSample, count, interleaved, cancellationToken);
}
