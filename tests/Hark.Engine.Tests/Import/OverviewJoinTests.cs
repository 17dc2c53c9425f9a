using Hark.Engine.Import;

namespace Hark.Engine.Tests.Import;

/// <summary>
/// Chunk overviews made the way encoders make them (reads that start in a lead-in before the chunk and run into the
/// next one, chunks not a whole number of columns long), stored in their staging objects and joined, against the
/// min and max of every sample computed directly.
/// </summary>
public sealed class OverviewJoinTests
{
    private const int Channels = 2;

    [Theory]
    [InlineData(1_000_003, 300_007)] // short: one output column per fine column
    [InlineData(70_000_001, 9_000_011)] // past 8192 x 4096 samples: columns joined 3 at a time
    public void Joined_chunks_equal_the_min_and_max_of_every_column(long total, long chunkSamples)
    {
        var join = new OverviewJoin(total);
        for (long start = 0; start < total; start += chunkSamples)
        {
            long end = Math.Min(start + chunkSamples, total);
            var overview = new ChunkOverview(start, start + chunkSamples, Channels);
            // Like the AAC encoder: 5000 samples of lead-in and 3000 past the chunk, in uneven reads.
            long position = Math.Max(0, start - 5000);
            var buffer = new float[77_777 * Channels];
            while (position < Math.Min(total, end + 3000))
            {
                int frames = (int)Math.Min(77_777 - position % 3, Math.Min(total, end + 3000) - position);
                for (int i = 0; i < frames * Channels; i++)
                {
                    buffer[i] = Sample(position + i / Channels, i % Channels) / 32768f;
                }
                overview.Add(buffer.AsSpan(0, frames * Channels), position);
                position += frames;
            }
            var staged = new StagedFrames.Builder(1024) { Overview = overview };
            staged.Add([1, 2, 3]);
            join.Add(StagedFrames.Parse(staged.ToArray(), "enc-test").Overview);
        }

        var result = join.Result()!;
        long perColumn = result.SamplesPerColumn;
        Assert.Equal(0, perColumn % ChunkOverview.ColumnSamples);
        Assert.InRange(result.Columns, 1, RecordingOverview.MaxColumns);
        Assert.Equal((total + perColumn - 1) / perColumn, result.Columns);
        for (int c = 0; c < result.Columns; c++)
        {
            short min = short.MaxValue, max = short.MinValue;
            for (long s = c * perColumn; s < Math.Min(total, (c + 1) * perColumn); s++)
            {
                for (int channel = 0; channel < Channels; channel++)
                {
                    min = Math.Min(min, Sample(s, channel));
                    max = Math.Max(max, Sample(s, channel));
                }
            }
            Assert.True(result.Min[c] == min && result.Max[c] == max, $"column {c}: {result.Min[c]}..{result.Max[c]}, expected {min}..{max}");
        }
    }

    [Fact]
    public void A_chunk_without_an_overview_leaves_the_recording_without_one()
    {
        var join = new OverviewJoin(10_000);
        var overview = new ChunkOverview(0, 5000, 1);
        overview.Add(new float[5000], 0);
        join.Add(overview);
        join.Add(null);

        Assert.Null(join.Result());
    }

    [Fact]
    public void A_staged_object_written_before_overviews_parses_without_one()
    {
        var staged = new StagedFrames.Builder(1024);
        staged.Add([9, 9]);

        Assert.Null(StagedFrames.Parse(staged.ToArray(), "enc-old").Overview);
    }

    /// <summary>A deterministic signal whose range changes along the recording and differs between channels.</summary>
    private static short Sample(long s, int channel)
    {
        ulong hash = (ulong)(s * 2 + channel) * 0x9E3779B97F4A7C15UL;
        int noise = (int)(hash >> 52) - 2048;
        int envelope = (int)(s / 100_003 % 13) * 2000;
        return (short)Math.Clamp(noise * envelope / 2048 + (channel == 1 ? 1000 : 0), short.MinValue, short.MaxValue);
    }
}
