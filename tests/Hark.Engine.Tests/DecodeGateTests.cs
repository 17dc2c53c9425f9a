using Hark.Engine.Segments;

namespace Hark.Engine.Tests;

public sealed class DecodeGateTests
{
    [Fact]
    public async Task A_decode_past_the_bound_waits_for_a_turn_to_end()
    {
        var gate = new DecodeGate(2);
        var first = await gate.EnterAsync(CancellationToken.None);
        using var second = await gate.EnterAsync(CancellationToken.None);
        var third = gate.EnterAsync(CancellationToken.None);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, gate.Running);
        first.Dispose();
        using var admitted = await third;
        Assert.Equal(2, gate.Running);
    }

    [Fact]
    public async Task A_waiting_decode_can_be_cancelled()
    {
        var gate = new DecodeGate(1);
        using var only = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        Assert.Equal(1, gate.Running);
    }
}
