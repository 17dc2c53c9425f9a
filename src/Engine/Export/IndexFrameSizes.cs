using System.Collections;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>The sizes of frames [first, first + count) as a list, read from the index on demand rather than copied.</summary>
public sealed class IndexFrameSizes(RecordingIndex index, int first, int count) : IReadOnlyList<int>
{
    public int Count => count;

    public int this[int i] => (uint)i < (uint)count ? index.FrameSize(first + i) : throw new ArgumentOutOfRangeException(nameof(i));

    public IEnumerator<int> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return index.FrameSize(first + i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
