using System.Runtime.InteropServices;

namespace Hark.Cli;

/// <summary>Samples as floats from the front door, whose segment answer is a byte stream (a node's HTTP reply, the cluster's readers).</summary>
internal static class StreamedSamples
{
    public static async ValueTask<int> ReadAsync(IRecordingService recordings, string id, long startSample, int count, Memory<float> interleaved,
        CancellationToken cancellationToken)
    {
        using var bytes = new MemoryStream();
        await recordings.WriteSegmentAsync(id, startSample, count, SegmentFormat.F32, bytes, cancellationToken);
        var floats = MemoryMarshal.Cast<byte, float>(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        floats.CopyTo(interleaved.Span);
        return count;
    }
}
