using System.ComponentModel;
using System.Diagnostics;

namespace Hark.Media.Tools;

/// <summary>
/// Kills a child process that has shown no progress (bytes taken or given) for a bound while Hark was waiting on
/// it. While one of Hark's caller's callbacks runs the clock stops: a slow source or sink is the caller's time,
/// and ffmpeg blocked on a full pipe then is not stuck.
/// </summary>
internal sealed class InactivityWatchdog : IDisposable
{
    private readonly Process _process;
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private int _callerTurns;

    public InactivityWatchdog(Process process, TimeSpan bound)
    {
        _process = process;
        Bound = bound;
        _timer = new Timer(_ => Fire(), null, bound, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Bound { get; }

    /// <summary>True once the bound passed and the process was killed.</summary>
    public bool Fired { get; private set; }

    /// <summary>The process took or gave bytes: the clock starts again.</summary>
    public void Progress()
    {
        lock (_lock)
        {
            if (_callerTurns == 0 && !Fired)
            {
                _timer.Change(Bound, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Stops the clock until the returned scope ends: a callback of Hark's caller is running.</summary>
    public CallerTurn EnterCallerTurn()
    {
        lock (_lock)
        {
            _callerTurns++;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        return new CallerTurn(this);
    }

    private void LeaveCallerTurn()
    {
        lock (_lock)
        {
            if (--_callerTurns == 0 && !Fired)
            {
                _timer.Change(Bound, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Fire()
    {
        lock (_lock)
        {
            if (_callerTurns > 0 || Fired)
            {
                return;
            }
            Fired = true;
        }
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It ended by itself just now.
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>The span of one caller callback; ending it restarts the clock.</summary>
    public readonly struct CallerTurn(InactivityWatchdog watchdog) : IDisposable
    {
        public void Dispose() => watchdog.LeaveCallerTurn();
    }
}
