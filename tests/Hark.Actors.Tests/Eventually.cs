namespace Hark.Actors.Tests;

/// <summary>Polls a condition until it holds (actors answer asynchronously); fails with a description otherwise.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        using var timeout = new CancellationTokenSource(within);
        Exception? last = null;
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e)
            {
                last = e;
            }
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        throw new Xunit.Sdk.XunitException($"timed out waiting until {what}" + (last is null ? "" : $" (last error: {last.Message})"));
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> says the value is final; returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        T value = default!;
        await TrueAsync(async () =>
        {
            value = await read();
            return done(value);
        }, within, what);
        return value;
    }
}
