using System.Text.RegularExpressions;
using Hark.Engine.Export;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests.Passthrough;

/// <summary>
/// libopus-made Opus in Ogg, WebM, Matroska and MP4 is stored packet for packet: the same packets as the source, the
/// pre-skip from its OpusHead, the length its container states; reads within the Opus bound of ffmpeg's own
/// libopus decode of the source; other packet lengths and more channels are encoded instead.
/// </summary>
public sealed partial class OpusPassthroughTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("hark-opus-passthrough");
    private ArchiveStore _archive = null!;
    private SegmentReader _segments = null!;
    private string _ogg = "";

    public async Task InitializeAsync()
    {
        _archive = ArchiveStore.Open(_dir.File("archive"));
        await _archive.EnsureCreatedAsync(CancellationToken.None);
        _segments = new SegmentReader(new RecordingCache(_archive));
        _ogg = await AudioGenerator.GenerateAsync(
            "aevalsrc=0.3*sin(2*PI*(200+60*t)*t)+0.04*(random(0)-0.5)|0.25*sin(2*PI*330*t)+0.04*(random(1)-0.5):s=48000:d=9.8765",
            _dir.File("music.opus"), "-c:a", "libopus", "-b:a", "96k", "-f", "ogg");
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("ogg")]
    [InlineData("webm")]
    [InlineData("mka")]
    [InlineData("mp4")]
    public async Task Opus_is_copied_packet_for_packet_from_any_container(string container)
    {
        string source = container == "ogg" ? _ogg : await CopyAsync(_ogg, $"music.{container}");
        var meta = await ImportAsync(container, source);

        Assert.True(meta.Passthrough);
        Assert.Equal(AudioCodec.Opus, meta.Codec);
        Assert.Equal(312, meta.PrimingSamples);
        Assert.Equal(960, meta.SamplesPerFrame);
        // What ffmpeg's libopus decoder plays from the source: pre-skip and end padding trimmed.
        // The MP4's own edit list (ffprobe's duration_ts; ffmpeg's muxer rounded it when it wrote the file), else
        // what the Ogg original decodes to.
        var reference = await DecodeAsync(_ogg);
        Assert.Equal(container == "mp4" ? await EditedSamplesAsync(source) : reference.Length / 2, meta.TotalSamples);
        Assert.Equal(await PacketHashesAsync(_ogg), await PacketHashesAsync(await ExportM4aAsync(container)));

        // Reads start 320 ms early with a fresh decoder: close to, not equal to, the sequential decode (docs/opus.md).
        var random = new Random(container.Length);
        double worst = 0, signal = 0, noise = 0;
        for (int i = 0; i < 40; i++)
        {
            int count = random.Next(1, 9600);
            long start = i == 0 ? 0 : random.NextInt64(0, meta.TotalSamples - count);
            var buffer = new float[count * 2];
            Assert.Equal(count, await _segments.ReadSamplesAsync(container, start, count, buffer, CancellationToken.None));
            for (int s = 0; s < buffer.Length; s++)
            {
                double expected = reference[start * 2 + s], difference = buffer[s] - expected;
                worst = Math.Max(worst, Math.Abs(difference));
                signal += expected * expected;
                noise += difference * difference;
            }
        }
        double snr = 10 * Math.Log10(signal / Math.Max(noise, 1e-30));
        Console.WriteLine($"{container}: 40 reads of copied Opus, worst difference {worst:0.0e0}, SNR {snr:0} dB against ffmpeg's libopus decode");
        // A decoder started 320 ms early has converged to within -80 dBFS on this material (a 16-bit step is -90).
        Assert.True(worst < 1e-4, $"{container}: worst difference {worst}");
        Assert.True(snr > 80, $"{container}: {snr:0.0} dB");
    }

    [Fact]
    public async Task Opus_in_60_ms_packets_is_encoded_by_default_and_refused_when_copy_is_asked_for()
    {
        var long60 = await AudioGenerator.GenerateAsync("sine=f=440:d=3:r=48000", _dir.File("sixty.opus"), "-c:a", "libopus", "-frame_duration", "60", "-f", "ogg");
        var encoded = await ImportAsync("sixty", long60);
        Assert.False(encoded.Passthrough);
        Assert.Equal(AudioCodec.Aac, encoded.Codec);

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync("sixty-copy", long60, ImportCodec.Copy));
        Assert.Equal("--codec copy: sixty.opus holds Opus in 60-ms packets; only 20-ms packets are stored as they are; use --codec aac, opus or lac", refused.Message);

        var reencoded = await ImportAsync("sixty-opus", long60, AudioCodec.Opus);
        Assert.False(reencoded.Passthrough);
        Assert.Equal(AudioCodec.Opus, reencoded.Codec);
    }

    private async Task<RecordingMetadata> ImportAsync(string id, string source, ImportCodec codec = default) =>
        await new LocalImporter(new ImportSteps(_archive)).ImportAsync(
            new ImportRequest { Id = id, SourcePath = source, Codec = codec, ChunkSeconds = 2 }, 2, null, CancellationToken.None);

    private static async Task<long> EditedSamplesAsync(string mp4)
    {
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration_ts", "-of", "csv=p=0", mp4);
        return long.Parse(probe.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> CopyAsync(string source, string name)
    {
        var path = _dir.File(name);
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source, "-c", "copy", path);
        return path;
    }

    private async Task<string> ExportM4aAsync(string id)
    {
        var path = _dir.File(id + ".export.m4a");
        var reader = await _archive.OpenRecordingAsync(id, CancellationToken.None);
        await using var file = File.Create(path);
        await M4aExport.WriteAsync(reader, 0, reader.Metadata.TotalSamples, file, CancellationToken.None);
        return path;
    }

    private static async Task<List<string>> PacketHashesAsync(string path)
    {
        var result = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_packets",
            "-show_data_hash", "md5", "-show_entries", "packet=data_hash", "-of", "default=nw=1", path);
        return [.. DataHash().Matches(result.Output).Select(m => m.Groups[1].Value)];
    }

    /// <summary>ffmpeg's decode through libopus (the decoder Hark's reads use), as floats.</summary>
    private static async Task<float[]> DecodeAsync(string path) =>
        Pcm.Floats((await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-c:a", "libopus", "-i", path, "-f", "f32le", "-")).StandardOutput);

    [GeneratedRegex("data_hash=MD5:([0-9a-f]{32})")]
    private static partial Regex DataHash();
}
