using System.Net;
using System.Net.Http.Headers;
using Hark.Node.Tests.Fixtures;

namespace Hark.Node.Tests.Api;

/// <summary>
/// Byte ranges of GET /recordings/{id}/export.m4a against a running node: what a browser asks when it seeks. The pieces
/// put back together are the whole answer byte for byte; ranges past the end are 416; If-Range and HEAD as RFC 9110 says.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class ExportRangeTests(NodeWithRecording node)
{
    private const string Url = $"/recordings/{NodeWithRecording.RecordingId}/export.m4a?from=24077&to=216000";

    [Fact]
    public async Task Ranges_of_every_form_put_together_are_the_whole_export()
    {
        using var whole = await node.Client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("bytes", string.Join(",", whole.Headers.AcceptRanges));
        var expected = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected.Length, whole.Content.Headers.ContentLength);
        long length = expected.Length;

        // Inside the header; across the header's end into mdat; one byte; the middle of mdat; a-; and a suffix -n.
        long middle = length / 2;
        var pieces = new List<byte>();
        foreach (var (from, to) in new (long?, long?)[] { (0, 99), (100, 4099), (4100, 4100), (4101, middle), (middle + 1, null) })
        {
            long last = to is { } t ? Math.Min(t, length - 1) : length - 1;
            if (to is null)
            {
                // Ask the last stretch as a suffix: the same bytes, counted from the end.
                pieces.AddRange(await RangeAsync(null, length - from!.Value, from.Value, last, length));
            }
            else
            {
                pieces.AddRange(await RangeAsync(from, to, from!.Value, last, length));
            }
        }
        Assert.Equal(expected, pieces.ToArray());
        // a- from the middle: the rest of the file.
        Assert.Equal(expected[(int)middle..], await RangeAsync(middle, null, middle, length - 1, length));
    }

    [Fact]
    public async Task A_range_past_the_end_is_416_naming_the_length()
    {
        long length = await LengthAsync();
        foreach (var range in new[] { $"bytes={length}-", $"bytes={length + 10}-{length + 20}", "bytes=-0" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url);
            request.Headers.TryAddWithoutValidation("Range", range);
            using var response = await node.Client.SendAsync(request);
            var detail = await Problems.AssertAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable);
            Assert.Contains($"{length} bytes", detail);
            Assert.Equal($"bytes */{length}", response.Content.Headers.ContentRange?.ToString());
        }
    }

    [Fact]
    public async Task A_range_running_past_the_end_is_cut_at_it_and_several_ranges_get_the_whole_export()
    {
        long length = await LengthAsync();
        var tail = await RangeAsync(length - 10, length + 1000, length - 10, length - 1, length);
        Assert.Equal(10, tail.Length);

        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.TryAddWithoutValidation("Range", "bytes=0-9,20-29");
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(length, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task The_etag_is_stable_per_stretch_and_if_range_honours_it()
    {
        var etag = await ETagAsync(Url);
        Assert.Equal(etag, await ETagAsync(Url));
        Assert.NotEqual(etag, await ETagAsync($"/recordings/{NodeWithRecording.RecordingId}/export.m4a?from=24078&to=216000"));

        using var current = new HttpRequestMessage(HttpMethod.Get, Url);
        current.Headers.Range = new RangeHeaderValue(0, 9);
        current.Headers.IfRange = new RangeConditionHeaderValue(etag);
        using var partial = await node.Client.SendAsync(current);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, Url);
        stale.Headers.Range = new RangeHeaderValue(0, 9);
        stale.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"another-version\""));
        using var whole = await node.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(await LengthAsync(), (await whole.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Head_tells_the_length_etag_and_ranges_without_a_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, Url);
        using var head = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(await LengthAsync(), head.Content.Headers.ContentLength);
        Assert.Equal("bytes", string.Join(",", head.Headers.AcceptRanges));
        Assert.Equal(await ETagAsync(Url), head.Headers.ETag?.Tag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private async Task<byte[]> RangeAsync(long? from, long? to, long expectedFirst, long expectedLast, long length)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(expectedFirst, expectedLast, length), response.Content.Headers.ContentRange);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(expectedLast - expectedFirst + 1, bytes.Length);
        return bytes;
    }

    private async Task<long> LengthAsync()
    {
        using var response = await node.Client.GetAsync(Url);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private async Task<string> ETagAsync(string url)
    {
        using var response = await node.Client.GetAsync(url);
        Assert.True(response.Headers.ETag is { IsWeak: false }, "a strong ETag");
        return response.Headers.ETag!.Tag;
    }
}
