using System.Buffers.Binary;
using Hark.Codec.Wav;
using Hark.Testing;

namespace Hark.Codec.Tests.Wav;

/// <summary>
/// WavWriter with allowRf64: a small file stays RIFF (its reserved ds64 a JUNK chunk ffmpeg skips), a file past
/// 4 GiB becomes RF64 with its 64-bit sizes in ds64 (written to a stream that keeps only its header, so the test
/// needs no 4 GiB of disk), and this project's reader reads both sizes back.
/// </summary>
public sealed class WavRf64WriterTests
{
    [Fact]
    public async Task A_small_file_is_riff_with_a_junk_chunk_that_ffmpeg_and_the_reader_skip()
    {
        using var temp = new TempDirectory("rf64");
        var path = temp.File("small.wav");
        var samples = Enumerable.Range(0, 2 * 999).Select(i => (i * 37 % 20000) - 10000).ToArray();
        await using (var file = File.Create(path))
        using (var writer = new WavWriter(file, WavFormat.Pcm(8000, 2, 16), leaveOpen: true, allowRf64: true))
        {
            writer.WriteFrames(samples);
        }
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("JUNK", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        using (var reader = new WavReader(File.OpenRead(path)))
        {
            Assert.Equal(999, reader.TotalFrames);
            var read = new int[samples.Length];
            Assert.Equal(999, reader.ReadFrames(read));
            Assert.Equal(samples, read);
        }
        var decoded = await ProcessRunner.RunAsync("ffmpeg", ["-v", "error", "-i", path, "-f", "s16le", "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.StandardError);
        Assert.Equal(samples.Length * 2, decoded.StandardOutput.Length);
    }

    [Fact]
    public void A_file_past_4_gib_becomes_rf64_with_its_sizes_in_ds64()
    {
        var sink = new HeaderOnlyStream();
        const long frames = (1L << 30) + 7; // mono 32-bit: 4 GiB + 28 bytes of data
        using (var writer = new WavWriter(sink, WavFormat.Pcm(48000, 1, 32), leaveOpen: true, allowRf64: true))
        {
            var zeros = new int[1 << 20];
            for (long left = frames; left > 0; left -= zeros.Length)
            {
                writer.WriteFrames(zeros.AsSpan(0, (int)Math.Min(zeros.Length, left)));
            }
        }
        var header = sink.Header;
        Assert.Equal("RF64", System.Text.Encoding.ASCII.GetString(header, 0, 4));
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)));
        Assert.Equal("ds64", System.Text.Encoding.ASCII.GetString(header, 12, 4));
        Assert.Equal(sink.Length - 8, BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(20)));
        Assert.Equal(frames * 4, BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(28)));
        Assert.Equal(frames, BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(36)));

        // The reader takes the data size from ds64 (the stream below is the header, then zeros to the full length).
        using var reader = new WavReader(new HeaderThenZeros(header, sink.Length));
        Assert.Equal(frames, reader.TotalFrames);
    }

    /// <summary>A seekable sink that keeps its first 256 bytes and only counts the rest.</summary>
    private sealed class HeaderOnlyStream : Stream
    {
        public byte[] Header { get; } = new byte[256];
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => true;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get; set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Position < Header.Length)
            {
                var kept = buffer.Slice(0, (int)Math.Min(buffer.Length, Header.Length - Position));
                kept.CopyTo(Header.AsSpan((int)Position));
            }
            Position += buffer.Length;
            _length = Math.Max(_length, Position);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => _length + offset,
        };

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void SetLength(long value) => _length = value;
    }

    /// <summary>A read-only seekable stream of <paramref name="length"/> bytes: the header, then zeros.</summary>
    private sealed class HeaderThenZeros(byte[] header, long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - Position);
            for (int i = 0; i < n; i++)
            {
                long at = Position + i;
                buffer[offset + i] = at < header.Length ? header[at] : (byte)0;
            }
            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
