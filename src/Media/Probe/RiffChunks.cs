using System.Buffers.Binary;
using System.Text;
using Hark.Media.Tools;

namespace Hark.Media.Probe;

/// <summary>
/// Finds one chunk in a RIFF/WAVE file by walking the chunk headers (seeking over the data). ffprobe does not
/// expose every chunk (GUANO's "guan" for one), and the walk reads a few bytes per chunk, never the audio.
/// </summary>
public static class RiffChunks
{
    private const int MaxChunkBytes = 1 << 20;

    /// <summary>The chunk's bytes as text, or null when the file is not RIFF/WAVE or has no such chunk.</summary>
    public static string? ReadText(string path, string chunkId)
    {
        if (!SourceFile.IsRegular(path))
        {
            // Opening a named pipe would wait for a writer; only a regular file can hold chunks to find.
            return null;
        }
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.RandomAccess);
            Span<byte> header = stackalloc byte[12];
            if (file.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12
                || !header[..4].SequenceEqual("RIFF"u8) && !header[..4].SequenceEqual("RF64"u8)
                || !header[8..12].SequenceEqual("WAVE"u8))
            {
                return null;
            }
            var id = Encoding.ASCII.GetBytes(chunkId);
            Span<byte> chunk = stackalloc byte[8];
            while (file.Position + 8 <= file.Length)
            {
                if (file.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) < 8)
                {
                    return null;
                }
                long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
                if (chunk[..4].SequenceEqual(id))
                {
                    if (size > MaxChunkBytes)
                    {
                        return null;
                    }
                    var body = new byte[size];
                    int read = file.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
                    return Encoding.UTF8.GetString(body, 0, read).TrimEnd('\0');
                }
                if (size == 0xFFFFFFFF)
                {
                    // RF64 data chunk: the real size lives in ds64, and nothing we look for comes after the audio.
                    return null;
                }
                // Chunks are padded to an even length.
                file.Seek(size + (size & 1), SeekOrigin.Current);
            }
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
