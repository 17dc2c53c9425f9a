using System.Text.Json.Nodes;
using Hark.Testing;

namespace Hark.Cli.Tests.TiffArchive;

/// <summary>
/// What <c>archive verify</c> and <c>archive reconstruct</c> do with a damaged archive: a flipped byte inside an
/// embedded FLAC, an edited manifest, a manifest and TIFF changed together under a signature (openssl the oracle
/// for the signature itself), and bad input.
/// </summary>
public sealed class TiffArchiveDamageTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-tiff-damage");

    public void Dispose() => _dir.Dispose();

    private async Task<string> ArchiveAsync(params string[] extra)
    {
        var source = await TiffOracle.GenerateAsync(_dir.File("tape.wav"), 16000, 2, 64_003, "pcm_s16le");
        var archive = _dir.File("archive");
        var run = await ProcessRunner.HarkAsync(["archive", "tiff", source, "--out", archive, "--chunk-hours", "0.0005", .. extra]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        return archive;
    }

    private static JsonObject Chunk(JsonNode manifest, int index) => manifest["files"]![0]!["chunks"]![index]!.AsObject();

    [Fact]
    public async Task A_flipped_byte_in_an_embedded_flac_fails_verify_naming_the_chunk_and_reconstruct_refuses_it()
    {
        var archive = await ArchiveAsync();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(archive, "manifest.json")))!;
        var tiff = Path.Combine(archive, Chunk(manifest, 1)["tiff_path"]!.GetValue<string>());
        long size = Chunk(manifest, 1)["size_bytes"]!.GetValue<long>();
        await using (var file = new FileStream(tiff, FileMode.Open, FileAccess.ReadWrite))
        {
            // The FLAC starts right after the 8-byte classic TIFF header.
            file.Position = 8 + size / 2;
            int b = file.ReadByte();
            file.Position = 8 + size / 2;
            file.WriteByte((byte)(b ^ 0x10));
        }

        var verify = await ProcessRunner.HarkAsync("archive", "verify", archive);
        Assert.Equal(1, verify.ExitCode);
        var line = Assert.Single(verify.StandardError.Trim().Split('\n'));
        Assert.StartsWith("hark: tape chunk_000001: embedded FLAC SHA-256 ", line);
        Assert.Contains("tape_chunk_000001.tiff", line);

        var output = _dir.File("out.wav");
        var reconstruct = await ProcessRunner.HarkAsync("archive", "reconstruct", archive, "-o", output);
        Assert.Equal(1, reconstruct.ExitCode);
        Assert.StartsWith("hark: tape chunk_000001: ", reconstruct.StandardError);
        Assert.EndsWith("nothing written", reconstruct.StandardError.Trim());
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));

        var extract = await ProcessRunner.HarkAsync("archive", "extract", archive, "--out-flac", _dir.File("flacs"));
        Assert.Equal(1, extract.ExitCode);
        Assert.Contains("tape chunk_000001", extract.StandardError);
        Assert.False(File.Exists(_dir.File("flacs/tape_chunk_000001.flac")));
        Assert.True(File.Exists(_dir.File("flacs/tape_chunk_000000.flac")));
    }

    [Fact]
    public async Task An_edited_manifest_fails_verify_naming_the_chunk()
    {
        var archive = await ArchiveAsync();
        var path = Path.Combine(archive, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        var sha = Chunk(manifest, 2)["flac_sha256"]!.GetValue<string>();
        Chunk(manifest, 2)["flac_sha256"] = (sha[0] == '0' ? "1" : "0") + sha[1..];
        File.WriteAllText(path, manifest.ToJsonString());

        var verify = await ProcessRunner.HarkAsync("archive", "verify", archive);
        Assert.Equal(1, verify.ExitCode);
        Assert.StartsWith("hark: tape chunk_000002: embedded FLAC SHA-256 ", Assert.Single(verify.StandardError.Trim().Split('\n')));

        // Dropping a chunk from the manifest leaves a hole in the source's samples.
        manifest["files"]![0]!["chunks"]!.AsArray().RemoveAt(1);
        File.WriteAllText(path, manifest.ToJsonString());
        var holed = await ProcessRunner.HarkAsync("archive", "verify", archive);
        Assert.Equal(1, holed.ExitCode);
        Assert.Contains("hark: tape chunk_000002: starts at sample", holed.StandardError);
    }

    [Fact]
    public async Task A_signed_manifest_verifies_with_openssl_and_catches_manifest_and_tiff_changed_together()
    {
        var key = _dir.File("key.pem");
        var pub = _dir.File("pub.pem");
        Assert.Equal(0, (await ProcessRunner.RunAsync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key])).ExitCode);
        Assert.Equal(0, (await ProcessRunner.RunAsync("openssl", ["ec", "-in", key, "-pubout", "-out", pub])).ExitCode);
        var archive = await ArchiveAsync("--sign", key);
        var manifestPath = Path.Combine(archive, "manifest.json");
        var signature = Path.Combine(archive, "manifest.json.sig");

        var openssl = await ProcessRunner.RunAsync("openssl", ["dgst", "-sha256", "-verify", pub, "-signature", signature, manifestPath]);
        Assert.True(openssl.ExitCode == 0, openssl.Output + openssl.StandardError);
        Assert.Contains("Verified OK", openssl.Output);
        var verify = await ProcessRunner.HarkAsync("archive", "verify", archive, "--key", pub);
        Assert.True(verify.ExitCode == 0, verify.StandardError);
        Assert.Contains("manifest signature valid", verify.Output);

        // Replace chunk 0's TIFF with chunk 1's and make the manifest agree: every hash matches, the signature does not.
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        File.Copy(Path.Combine(archive, "tape_chunk_000001.tiff"), Path.Combine(archive, "tape_chunk_000000.tiff"), overwrite: true);
        foreach (var field in new[] { "flac_sha256", "size_bytes", "tiff_size_bytes" })
        {
            Chunk(manifest, 0)[field] = Chunk(manifest, 1)[field]!.DeepClone();
        }
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        var unsigned = await ProcessRunner.HarkAsync("archive", "verify", archive);
        Assert.True(unsigned.ExitCode == 0, "without the key the consistent forgery passes: " + unsigned.StandardError);
        var signed = await ProcessRunner.HarkAsync("archive", "verify", archive, "--key", pub);
        Assert.Equal(1, signed.ExitCode);
        Assert.Equal("hark: manifest.json: manifest.json.sig does not match manifest.json under this key", signed.StandardError.Trim());
    }

    [Fact]
    public async Task Bad_input_gets_one_line()
    {
        var missing = await ProcessRunner.HarkAsync("archive", "tiff", _dir.File("nope.wav"), "--out", _dir.File("a"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"hark: {_dir.File("nope.wav")}: no such file", missing.StandardError.Trim());

        var nothing = await ProcessRunner.HarkAsync("archive", "tiff", "--out", _dir.File("a"));
        Assert.Equal(2, nothing.ExitCode);
        Assert.Equal("hark: name the files to archive, or --recording ID", nothing.StandardError.Trim());

        var noManifest = await ProcessRunner.HarkAsync("archive", "verify", _dir.Path);
        Assert.Equal(1, noManifest.ExitCode);
        Assert.Equal($"hark: {_dir.Path} holds no manifest.json", noManifest.StandardError.Trim());

        var archive = await ArchiveAsync();
        var again = await ProcessRunner.HarkAsync("archive", "tiff", _dir.File("tape.wav"), "--out", archive);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds an archive; give --resume", again.StandardError);

        var publicKey = _dir.File("not-a-key.pem");
        File.WriteAllText(publicKey, "hello");
        var badKey = await ProcessRunner.HarkAsync("archive", "tiff", _dir.File("tape.wav"), "--out", _dir.File("b"), "--sign", publicKey);
        Assert.Equal(1, badKey.ExitCode);
        Assert.StartsWith($"hark: {publicKey} holds no EC key in PEM", badKey.StandardError);
        Assert.False(Directory.Exists(_dir.File("b")) && File.Exists(_dir.File("b/manifest.json")));
    }
}
