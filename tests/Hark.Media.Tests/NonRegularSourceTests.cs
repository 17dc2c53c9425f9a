using System.Net.Sockets;
using Hark.Media.Decode;
using Hark.Media.Errors;
using Hark.Media.Probe;
using Hark.Testing;

namespace Hark.Media.Tests;

/// <summary>
/// Sources that are not regular files are refused at once with one line, by every entry point that opens a source:
/// ffprobe or ffmpeg would otherwise wait on a named pipe for a writer, or read /dev/zero without end.
/// </summary>
public sealed class NonRegularSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-media-kinds");

    public void Dispose() => _dir.Dispose();

    private async Task<string> NamedPipeAsync(string name)
    {
        string path = _dir.File(name);
        await ProcessRunner.RunCheckedAsync("mkfifo", path);
        return path;
    }

    private static async Task AssertEveryEntryPointRefusesAsync(string path, SourceInfo probedElsewhere, string expected)
    {
        var probe = await Assert.ThrowsAsync<UnsupportedMediaException>(() => MediaProbe.ProbeAsync(path, CancellationToken.None));
        Assert.Equal(expected, probe.Message);
        var open = await Assert.ThrowsAsync<UnsupportedMediaException>(() => PcmDecoder.OpenAsync(path, PcmSampleFormat.S32, CancellationToken.None));
        Assert.Equal(expected, open.Message);
        var count = await Assert.ThrowsAsync<UnsupportedMediaException>(() => MediaProbe.CountSamplesAsync(path, CancellationToken.None));
        Assert.Equal(expected, count.Message);
        // A source that was a file when probed and is something else when opened.
        var reopened = Assert.Throws<UnsupportedMediaException>(() => PcmDecoder.Open(probedElsewhere with { Path = path }, PcmSampleFormat.F32));
        Assert.Equal(expected, reopened.Message);
        Assert.Null(RiffChunks.ReadText(path, "guan"));
        Assert.Empty(ChildProcesses.RunningWith(path));
    }

    private async Task<SourceInfo> ProbedWavAsync() =>
        await MediaProbe.ProbeAsync(
            await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 0.25, 8000), _dir.File("real.wav")), CancellationToken.None);

    [Fact]
    public async Task A_named_pipe_is_refused_without_waiting_for_a_writer()
    {
        string fifo = await NamedPipeAsync("in.wav");
        await AssertEveryEntryPointRefusesAsync(fifo, await ProbedWavAsync(), "in.wav: not a regular file (a named pipe)");
    }

    [Fact]
    public async Task A_character_device_is_refused_without_reading_it()
    {
        await AssertEveryEntryPointRefusesAsync("/dev/zero", await ProbedWavAsync(), "zero: not a regular file (a character device)");
    }

    [Fact]
    public async Task A_directory_and_a_socket_are_refused()
    {
        var probed = await ProbedWavAsync();
        string folder = _dir.File("recordings.wav");
        Directory.CreateDirectory(folder);
        await AssertEveryEntryPointRefusesAsync(folder, probed, "recordings.wav: not a regular file (a directory)");

        string socketPath = _dir.File("s.wav");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        await AssertEveryEntryPointRefusesAsync(socketPath, probed, "s.wav: not a regular file (a socket)");
    }

    [Fact]
    public async Task Links_are_judged_by_what_they_point_to()
    {
        var probed = await ProbedWavAsync();
        string toFile = _dir.File("link.wav");
        File.CreateSymbolicLink(toFile, probed.Path);
        Assert.Equal(2000, (await MediaProbe.ProbeAsync(toFile, CancellationToken.None)).TotalSamples);

        string toPipe = _dir.File("pipe-link.wav");
        File.CreateSymbolicLink(toPipe, await NamedPipeAsync("fifo"));
        await AssertEveryEntryPointRefusesAsync(toPipe, probed, "pipe-link.wav: not a regular file (a named pipe)");
    }
}
