using System.Globalization;
using System.Text;
using System.Text.Json;
using Hark.Codec.Adts;

namespace Hark.Cli.Commands;

/// <summary>Renders an inspection as text or as the JSON schema documented in docs/adts-inspect.md.</summary>
internal static class AdtsReport
{
    public const int SchemaVersion = 1;

    public static string ToText(string name, AdtsSummary s, IReadOnlyList<AdtsFrameRecord>? frames)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"file:            {name}");
        text.AppendLine(inv, $"frames:          {s.FrameCount}");
        text.AppendLine(inv, $"duration:        {s.DurationSeconds:F3} s ({s.TotalSamples} samples)");
        text.AppendLine(inv, $"sample rate:     {s.SampleRate} Hz");
        text.AppendLine(inv, $"channels:        {s.Channels} (configuration {s.ChannelConfiguration})");
        text.AppendLine(inv, $"profile:         {s.Profile} (MPEG-{(s.MpegVersion == 0 ? 4 : 2)})");
        text.AppendLine(inv, $"bit rate:        min {s.BitRateMin / 1000:F1} / avg {s.BitRateAverage / 1000:F1} / max {s.BitRateMax / 1000:F1} kbit/s");
        text.AppendLine(inv, $"frame length:    {s.FrameLengthMin}..{s.FrameLengthMax} bytes");
        text.AppendLine(inv, $"crc:             {(s.CrcPresent ? $"present, {s.CrcValidFrames} valid, {s.CrcInvalidFrames} invalid" : "absent")}");
        text.AppendLine(inv, $"bytes skipped:   {s.BytesSkipped} in {s.Resyncs} resync(s)");
        text.AppendLine(inv, $"truncated tail:  {s.TruncatedBytes} bytes");
        if (frames is not null)
        {
            foreach (var f in frames)
            {
                var h = f.Header;
                text.AppendLine(inv,
                    $"#{f.Index} offset={f.Offset} skipped={f.SkippedBefore} sync=0x{AdtsHeader.Syncword:X3} id={h.MpegVersion} layer={h.Layer} " +
                    $"protection_absent={B(h.ProtectionAbsent)} profile={h.Profile} sf_index={h.SamplingFrequencyIndex} private={B(h.PrivateBit)} " +
                    $"channel_config={h.ChannelConfiguration} original={B(h.Originality)} home={B(h.Home)} copyright_id_bit={B(h.CopyrightIdBit)} " +
                    $"copyright_id_start={B(h.CopyrightIdStart)} frame_length={h.FrameLength} buffer_fullness=0x{h.BufferFullness:X3} " +
                    $"raw_blocks={h.RawDataBlocks}{(h.HasCrc ? $" crc=0x{h.Crc:X4} crc_valid={f.CrcValid.ToString().ToLowerInvariant()}" : "")}");
            }
        }
        return text.ToString();
    }

    public static string ToJson(string name, AdtsSummary s, IReadOnlyList<AdtsFrameRecord>? frames)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteString("file", name);
            json.WriteStartObject("summary");
            json.WriteNumber("frame_count", s.FrameCount);
            json.WriteNumber("total_bytes", s.TotalBytes);
            json.WriteNumber("total_samples", s.TotalSamples);
            json.WriteNumber("duration_seconds", Math.Round(s.DurationSeconds, 6));
            json.WriteNumber("sample_rate", s.SampleRate);
            json.WriteNumber("channels", s.Channels);
            json.WriteNumber("channel_configuration", s.ChannelConfiguration);
            json.WriteString("profile", s.Profile);
            json.WriteNumber("mpeg_version", s.MpegVersion == 0 ? 4 : 2);
            json.WriteNumber("bitrate_min", Math.Round(s.BitRateMin));
            json.WriteNumber("bitrate_avg", Math.Round(s.BitRateAverage));
            json.WriteNumber("bitrate_max", Math.Round(s.BitRateMax));
            json.WriteNumber("frame_length_min", s.FrameLengthMin);
            json.WriteNumber("frame_length_max", s.FrameLengthMax);
            json.WriteBoolean("crc_present", s.CrcPresent);
            json.WriteBoolean("crc_valid", s.CrcInvalidFrames == 0);
            json.WriteNumber("crc_invalid_frames", s.CrcInvalidFrames);
            json.WriteNumber("bytes_skipped", s.BytesSkipped);
            json.WriteNumber("resyncs", s.Resyncs);
            json.WriteNumber("truncated_bytes", s.TruncatedBytes);
            json.WriteEndObject();
            if (frames is not null)
            {
                json.WriteStartArray("frames");
                foreach (var f in frames)
                {
                    WriteFrame(json, f);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void WriteFrame(Utf8JsonWriter json, AdtsFrameRecord f)
    {
        var h = f.Header;
        json.WriteStartObject();
        json.WriteNumber("index", f.Index);
        json.WriteNumber("offset", f.Offset);
        json.WriteNumber("skipped_before", f.SkippedBefore);
        json.WriteNumber("syncword", AdtsHeader.Syncword);
        json.WriteNumber("mpeg_version", h.MpegVersion);
        json.WriteNumber("layer", h.Layer);
        json.WriteNumber("protection_absent", B(h.ProtectionAbsent));
        json.WriteNumber("profile", h.Profile);
        json.WriteNumber("sampling_frequency_index", h.SamplingFrequencyIndex);
        json.WriteNumber("private_bit", B(h.PrivateBit));
        json.WriteNumber("channel_configuration", h.ChannelConfiguration);
        json.WriteNumber("originality", B(h.Originality));
        json.WriteNumber("home", B(h.Home));
        json.WriteNumber("copyright_id_bit", B(h.CopyrightIdBit));
        json.WriteNumber("copyright_id_start", B(h.CopyrightIdStart));
        json.WriteNumber("frame_length", h.FrameLength);
        json.WriteNumber("buffer_fullness", h.BufferFullness);
        json.WriteNumber("number_of_raw_data_blocks", h.RawDataBlocks);
        if (h.HasCrc)
        {
            json.WriteNumber("crc", h.Crc);
            json.WriteBoolean("crc_valid", f.CrcValid);
        }
        else
        {
            json.WriteNull("crc");
        }
        json.WriteEndObject();
    }

    private static int B(bool value) => value ? 1 : 0;
}
