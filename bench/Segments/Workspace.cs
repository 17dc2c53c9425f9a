namespace Hark.Bench.Segments;

/// <summary>The files of one run: source, archive, and the m4a and FLAC the other readers use.</summary>
internal sealed class Workspace(string root)
{
    public const string AacId = "music-aac";
    public const string AacOneJobId = "music-aac-jobs1";
    public const string LacId = "music-lac";
    public const string OpusId = "music-opus";

    public string Root => root;
    public string Wav => Path.Combine(root, "music.wav");
    public string M4a => Path.Combine(root, "music.m4a");
    public string Flac => Path.Combine(root, "music.flac");
    public string Ogg => Path.Combine(root, "music.ogg");
    public string Archive => Path.Combine(root, "archive");
    public string LongFlac => Path.Combine(root, "long.flac");
    public string LongArchive => Path.Combine(root, "long-archive");
}
