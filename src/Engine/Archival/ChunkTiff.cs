using System.Text.Json;
using Hark.Codec.Tiff;

namespace Hark.Engine.Archival;

/// <summary>
/// An archive TIFF opened for reading: its two pages, page 2's description, and the embedded FLAC as a stream of
/// exactly its <see cref="EmbeddedDescription.SizeBytes"/> bytes (the row padding left out).
/// </summary>
public sealed class ChunkTiff : IDisposable
{
    private readonly FileStream _file;

    private ChunkTiff(FileStream file, TiffHeader header, IReadOnlyList<TiffPage> pages, ChunkDescription description)
    {
        _file = file;
        Header = header;
        Pages = pages;
        Description = description;
    }

    public TiffHeader Header { get; }
    public IReadOnlyList<TiffPage> Pages { get; }
    public ChunkDescription Description { get; }
    public TiffPage FlacPage => Pages[1];
    public long FileLength => _file.Length;

    /// <summary>Opens <paramref name="path"/>; <see cref="TiffFormatException"/> unless it is an archive chunk's TIFF.</summary>
    public static ChunkTiff Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var header = TiffReader.ReadHeader(file);
            var pages = TiffReader.ReadPages(file);
            if (pages.Count < 2)
            {
                throw new TiffFormatException($"{pages.Count} page(s); an archive TIFF has a preview and the FLAC");
            }
            var flac = pages[1];
            if (flac.SamplesPerPixel != 1 || flac.BitsPerSample != 8 || flac.Compression != 1)
            {
                throw new TiffFormatException("page 2 is not 8-bit, one-channel, uncompressed bytes");
            }
            ChunkDescription? description;
            try
            {
                description = flac.Description is { } text ? JsonSerializer.Deserialize<ChunkDescription>(text, ArchiveJson.Options) : null;
            }
            catch (JsonException e)
            {
                throw new TiffFormatException($"page 2's ImageDescription is not an archive description: {e.Message}");
            }
            if (description?.Embedded is null || description.Page != ChunkDescription.FlacPage)
            {
                throw new TiffFormatException("page 2's ImageDescription does not describe embedded FLAC");
            }
            return new ChunkTiff(file, header, pages, description);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The first <paramref name="length"/> bytes of page 2 (the manifest's size_bytes, or the page's own).</summary>
    public Stream OpenFlac(long? length = null) => new TiffStripStream(_file, FlacPage, length ?? Description.Embedded!.SizeBytes);

    public void Dispose() => _file.Dispose();
}
