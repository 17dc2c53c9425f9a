namespace Hark.Testing;

/// <summary>Waits for a condition another thread makes true, as Akka's AwaitAssert does, for code without an event to await.</summary>
public static class Polling
{
    public static async Task UntilAsync(Func<bool> condition, string what, CancellationToken ct, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }
            await Task.Delay(10, ct);
        }
    }
}
