using System.Net;
using Hark.Engine.Segments;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;

namespace Hark.Node.Tests.Api;

/// <summary>A segment over HTTP is byte for byte what the engine writes for the same range, with its length known first.</summary>
[Collection(NodeCollection.Name)]
public sealed class SegmentRouteTests(NodeWithRecording node)
{
    private const string Id = NodeWithRecording.RecordingId;

    [Theory]
    [InlineData(0, 48000, "wav", "audio/wav", SegmentFormat.Wav)]
    [InlineData(12345, 1000, "f32", "application/octet-stream", SegmentFormat.F32)]
    [InlineData(NodeWithRecording.TotalSamples - 777, 777, "s16", "application/octet-stream", SegmentFormat.S16)]
    [InlineData(95000, 2, null, "audio/wav", SegmentFormat.Wav)]
    public async Task Segment_equals_the_engine_read(long start, long count, string? format, string contentType, SegmentFormat engineFormat)
    {
        var url = $"/recordings/{Id}/segment?start={start}&count={count}" + (format is null ? "" : $"&format={format}");
        using var response = await node.Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        long? declared = response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsByteArrayAsync();

        var expected = new MemoryStream();
        var reader = new SegmentReader(new RecordingCache(ArchiveStore.Open(node.Node.Archive.Path)));
        await reader.ReadSegmentAsync(Id, start, count, engineFormat, expected, CancellationToken.None);

        Assert.Equal(expected.Length, declared);
        Assert.Equal(expected.ToArray(), body);
        int bytesPerValue = engineFormat == SegmentFormat.S16 ? 2 : 4;
        int header = engineFormat == SegmentFormat.Wav ? body.Length - (int)(count * 2 * bytesPerValue) : 0;
        Assert.Equal(count * 2 * bytesPerValue, body.Length - header);
    }

    [Fact]
    public async Task The_whole_recording_streams_in_one_answer()
    {
        var body = await node.Client.GetByteArrayAsync($"/recordings/{Id}/segment?start=0&count={NodeWithRecording.TotalSamples}&format=f32");
        Assert.Equal(NodeWithRecording.TotalSamples * 2 * 4, body.Length);
        // The sine mix is loud everywhere: a stream cut short or padded with zeros would show as silence.
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(body);
        float peakOfLastSecond = 0;
        for (int i = samples.Length - 2 * NodeWithRecording.SampleRate; i < samples.Length; i++)
        {
            peakOfLastSecond = Math.Max(peakOfLastSecond, Math.Abs(samples[i]));
        }
        Assert.InRange(peakOfLastSecond, 0.3f, 1f);
    }
}
