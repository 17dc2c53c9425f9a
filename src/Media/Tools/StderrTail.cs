using System.Diagnostics;

namespace Hark.Media.Tools;

/// <summary>
/// Drains a child's stderr and keeps only its last lines: ffmpeg can print a line per damaged packet over a
/// multi-day file, so holding all of it would break the bounded-memory promise.
/// </summary>
internal sealed class StderrTail
{
    private const int MaxLines = 16;
    private const int MaxLineLength = 1000;

    private readonly Queue<string> _lines = new();
    private readonly Task _drain;

    public StderrTail(Process process)
    {
        _drain = DrainAsync(process.StandardError);
    }

    /// <summary>Waits until stderr is closed (the process has ended or closed it).</summary>
    public Task Completion => _drain;

    /// <summary>The last non-empty line, or null when the tool printed nothing.</summary>
    public string? LastLine
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count == 0 ? null : _lines.Last();
            }
        }
    }

    private async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }
                if (line.Length > MaxLineLength)
                {
                    line = line[..MaxLineLength];
                }
                lock (_lines)
                {
                    _lines.Enqueue(line);
                    if (_lines.Count > MaxLines)
                    {
                        _lines.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was killed while we read; what we have is all there is.
        }
    }
}
