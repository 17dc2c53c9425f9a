using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Hark.Testing.Load;

/// <summary>
/// Concurrent clients reading segments of random lengths (<see cref="ReadLength.Mix"/>) at random positions of random
/// recordings through random nodes. Each answer is streamed and compared byte for byte with the recording's reference
/// decode as it arrives, so no client holds a whole 5-minute answer.
/// </summary>
/// <param name="nodes">One client per node, their base addresses set.</param>
public sealed class MixedReadClients(IReadOnlyList<HttpClient> nodes, IReadOnlyList<LoadRecording> recordings)
{
    /// <summary>Whether a client refused with 503 waits out the Retry-After before its next request, as a polite client
    /// does; without, it asks again at once and the limit is hit harder.</summary>
    public bool HonourRetryAfter { get; init; }

    /// <param name="another">Given a client's request count so far, whether it sends another.</param>
    public async Task<LoadTally> RunAsync(int clients, Func<int, bool> another, int seed)
    {
        var tally = new LoadTally();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(seed + client);
            for (int sent = 0; another(sent); sent++)
            {
                await ReadOnceAsync(random, tally);
            }
        })));
        return tally;
    }

    private async Task ReadOnceAsync(Random random, LoadTally tally)
    {
        var recording = recordings[random.Next(recordings.Count)];
        var node = nodes[random.Next(nodes.Count)];
        var length = ReadLength.Pick(random);
        long count = (long)length.Seconds * recording.SampleRate;
        long start = random.NextInt64(0, recording.TotalSamples - count);
        var url = string.Create(CultureInfo.InvariantCulture, $"recordings/{recording.Id}/segment?start={start}&count={count}&format=f32");
        long began = Stopwatch.GetTimestamp();
        try
        {
            using var response = await node.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var expected = recording.WholeF32.AsMemory((int)(start * recording.BytesPerSample), (int)(count * recording.BytesPerSample));
                if (await EqualsAsync(response, expected))
                {
                    tally.AddExact(length, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                }
                else
                {
                    tally.AddWrong(length);
                }
            }
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait)
            {
                await response.Content.ReadAsByteArrayAsync();
                tally.AddLimited(length);
                if (HonourRetryAfter)
                {
                    await Task.Delay(wait);
                }
            }
            else
            {
                tally.AddOther(length, $"{node.BaseAddress}{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            tally.AddOther(length, $"{node.BaseAddress}{url}: {e.GetType().Name} {e.Message}");
        }
    }

    /// <summary>Whether the body is exactly <paramref name="expected"/>: read in pieces, compared as they come.</summary>
    private static async Task<bool> EqualsAsync(HttpResponseMessage response, ReadOnlyMemory<byte> expected)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int offset = 0;
            bool same = true;
            while (await body.ReadAsync(buffer) is > 0 and var read)
            {
                // Read to the end even once different, so the connection is left clean for the next request.
                same = same && offset + read <= expected.Length && buffer.AsSpan(0, read).SequenceEqual(expected.Span.Slice(offset, read));
                offset += read;
            }
            return same && offset == expected.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
