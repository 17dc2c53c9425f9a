using System.Text;
using Hark.Engine.Segments;
using Hark.Node.Api;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// The segment route's query (<see cref="SegmentQuery"/>) and its range check (<see cref="SegmentRange"/>): an input is
/// "start&amp;count&amp;format" as text. Documented errors: <see cref="ApiInputException"/> (400) and
/// <see cref="SegmentRangeException"/> (400/416).
/// </summary>
public static class SegmentQueryTarget
{
    public const string Name = "segment-query";

    private static readonly RecordingMetadata Recording = new()
    {
        Id = "fuzz", Codec = AudioCodec.Aac, SampleRate = 44100, Channels = 2, TotalSamples = 26_460_000, State = RecordingPhase.Complete,
    };

    public static FuzzTarget Create() => new(Name, 0x5345_474D, Corpus(), Parse, [typeof(ApiInputException), typeof(SegmentRangeException)],
        AllocationBound: 64 << 10);

    private static void Parse(byte[] input)
    {
        var fields = Encoding.UTF8.GetString(input).Split('&');
        string? Field(int i) => i < fields.Length ? fields[i] : null;
        long start = SegmentQuery.Sample(Field(0), "start");
        long? count = SegmentQuery.OptionalSample(Field(1), "count");
        SegmentQuery.Format(Field(2));
        SegmentRange.Check(Recording, start, count ?? Recording.TotalSamples - start);
    }

    private static List<byte[]> Corpus() =>
        new[] { "0&4096&wav", "44100&1&f32", "26459999&&s16", "-5&10&", "12&0&WAV", "+7& 9 &S16", "0&26460000&f32" }
            .Select(Encoding.UTF8.GetBytes).ToList();
}
