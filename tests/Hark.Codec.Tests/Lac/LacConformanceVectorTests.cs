using System.Security.Cryptography;
using System.Text;
using Hark.Codec.Lac;
using Hark.Testing;

namespace Hark.Codec.Tests.Lac;

/// <summary>
/// The committed vectors in Lac/vectors: reproducible from <see cref="LacVectors"/> (set HARK_WRITE_LAC_VECTORS=1
/// to rewrite them), decoded to their checksums, and rejected with exactly their class, by the codec's decoder and
/// by the naive reference decoder alike.
/// </summary>
public class LacConformanceVectorTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "Hark.Codec.Tests", "Lac", "vectors");

    internal static string Checksum(int[] samples)
    {
        var bytes = new byte[samples.Length * 4];
        for (int i = 0; i < samples.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), samples[i]);
        }
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static string Manifest(IEnumerable<LacVector> vectors)
    {
        var text = new StringBuilder("# kind\tname\tbytes\texpected\tspec clause\n");
        text.Append("# decode: samples=N sha256=<SHA-256 of the decoded samples as little-endian i32>; reject: class=<6.x class number> <name>\n");
        foreach (var v in vectors)
        {
            string expected = v.Kind == "decode"
                ? $"samples={v.Samples!.Length} sha256={Checksum(v.Samples)}"
                : $"class={(int)v.Rejection} {v.Rejection}";
            text.Append($"{v.Kind}\t{v.Name}\t{v.Bytes.Length}\t{expected}\t{v.Clause}\n");
        }
        return text.ToString();
    }

    private static string PathOf(LacVector v) => Path.Combine(Folder, v.Kind, v.Name + ".lac");

    [Fact]
    public void CommittedVectorsAreWhatTheGeneratorProduces()
    {
        var vectors = LacVectors.All();
        if (Environment.GetEnvironmentVariable("HARK_WRITE_LAC_VECTORS") == "1")
        {
            foreach (var kind in new[] { "decode", "reject" })
            {
                Directory.CreateDirectory(Path.Combine(Folder, kind));
                foreach (var stale in Directory.GetFiles(Path.Combine(Folder, kind), "*.lac"))
                {
                    File.Delete(stale);
                }
            }
            foreach (var v in vectors)
            {
                File.WriteAllBytes(PathOf(v), v.Bytes);
            }
            File.WriteAllText(Path.Combine(Folder, "manifest.tsv"), Manifest(vectors));
        }
        Assert.Equal(Manifest(vectors), File.ReadAllText(Path.Combine(Folder, "manifest.tsv")));
        foreach (var v in vectors)
        {
            Assert.True(File.Exists(PathOf(v)), $"{v.Name} is not committed");
            Assert.Equal(v.Bytes, File.ReadAllBytes(PathOf(v)));
        }
        int committed = Directory.GetFiles(Folder, "*.lac", SearchOption.AllDirectories).Length;
        Assert.Equal(vectors.Count, committed);
    }

    public static TheoryData<string> DecodeNames() => [.. LacVectors.All().Where(v => v.Kind == "decode").Select(v => v.Name)];
    public static TheoryData<string> RejectNames() => [.. LacVectors.All().Where(v => v.Kind == "reject").Select(v => v.Name)];

    private static (LacVector Vector, byte[] Bytes, string ExpectedLine) Load(string kind, string name)
    {
        var vector = LacVectors.All().Single(v => v.Kind == kind && v.Name == name);
        var line = File.ReadAllLines(Path.Combine(Folder, "manifest.tsv")).Single(l => l.StartsWith($"{kind}\t{name}\t", StringComparison.Ordinal));
        return (vector, File.ReadAllBytes(PathOf(vector)), line.Split('\t')[3]);
    }

    [Theory]
    [MemberData(nameof(DecodeNames))]
    public void DecodeVectorDecodesToItsChecksum(string name)
    {
        var (_, bytes, expected) = Load("decode", name);
        var samples = new int[LacFrameHeader.MaxFrameSampleCount];
        var rejection = LacFrameDecoder.TryDecode(bytes, samples, out int count, out int consumed);
        Assert.Equal(LacRejection.None, rejection);
        var decoded = samples[..count];
        Assert.Equal(expected, $"samples={count} sha256={Checksum(decoded)}");
        var (referenceRejection, referenceSamples) = ReferenceLacDecoder.Decode(bytes);
        Assert.Equal(LacRejection.None, referenceRejection);
        Assert.Equal(referenceSamples, decoded);
        Assert.True(consumed <= bytes.Length);
        // the frame ends where its padding ends; everything after it is not the frame's (4.4).
        var header = LacFrameHeader.Parse(bytes);
        Assert.Equal(header.FrameSampleCount, count);
        if (name != "trailing_bytes_after_frame")
        {
            Assert.Equal(bytes.Length, consumed);
        }
        else
        {
            Assert.Equal(bytes.Length - 2, consumed);
        }
    }

    [Theory]
    [MemberData(nameof(RejectNames))]
    public void RejectVectorIsRejectedWithItsClass(string name)
    {
        var (vector, bytes, expected) = Load("reject", name);
        Assert.Equal($"class={(int)vector.Rejection} {vector.Rejection}", expected);
        var samples = new int[LacFrameHeader.MaxFrameSampleCount];
        samples.AsSpan().Fill(12345);
        var rejection = LacFrameDecoder.TryDecode(bytes, samples, out int count, out _);
        Assert.Equal(vector.Rejection, rejection);
        Assert.Equal(0, count);
        Assert.Equal(vector.Rejection, ReferenceLacDecoder.Decode(bytes).Rejection);
        var thrown = Assert.Throws<LacFormatException>(() => LacFrameDecoder.Decode(bytes, samples));
        Assert.Equal(vector.Rejection, thrown.Rejection);
        Assert.Contains($"rejection class {(int)vector.Rejection}", thrown.Message);
        // 6.1: after a post-header rejection the header still parses and gives the silence length.
        if (rejection.IsPostHeader() && bytes.Length >= LacFrameHeader.FixedLength
            && LacFrameHeader.TryParse(bytes, out var header, out _))
        {
            Assert.True(header.FrameSampleCount > 0);
        }
    }

    [Fact]
    public void EveryRejectionClassHasAVector()
    {
        var covered = LacVectors.All().Where(v => v.Kind == "reject").Select(v => v.Rejection).ToHashSet();
        foreach (var rejection in Enum.GetValues<LacRejection>().Where(r => r != LacRejection.None))
        {
            Assert.Contains(rejection, covered);
        }
        Assert.Equal(10, Enum.GetValues<LacRejection>().Length - 1);
    }
}
