namespace Hark.Engine.Import;

/// <summary>
/// Joins the chunks' overviews (<see cref="ChunkOverview"/>) into the recording's, at commit, chunk by chunk: the
/// fine columns are merged <c>factor</c> at a time so the result has at most <see cref="RecordingOverview.MaxColumns"/>
/// columns, whatever the length. Memory is the result only. A chunk without an overview (copied packets, or encoded
/// before overviews existed) means the recording gets none.
/// </summary>
internal sealed class OverviewJoin
{
    private readonly long _factor;
    private readonly short[] _min;
    private readonly short[] _max;
    private bool _incomplete;

    public OverviewJoin(long totalSamples)
    {
        long fine = (totalSamples + ChunkOverview.ColumnSamples - 1) / ChunkOverview.ColumnSamples;
        _factor = Math.Max(1, (fine + RecordingOverview.MaxColumns - 1) / RecordingOverview.MaxColumns);
        int columns = (int)((fine + _factor - 1) / _factor);
        _min = new short[columns];
        _max = new short[columns];
        _min.AsSpan().Fill(short.MaxValue);
        _max.AsSpan().Fill(short.MinValue);
        _incomplete = columns == 0;
    }

    public void Add(ChunkOverview? chunk)
    {
        if (chunk is null)
        {
            _incomplete = true;
            return;
        }
        var (min, max) = (chunk.Min, chunk.Max);
        for (int c = 0; c < min.Length; c++)
        {
            long column = (chunk.FirstColumn + c) / _factor;
            if (column < _min.Length)
            {
                _min[column] = Math.Min(_min[column], min[c]);
                _max[column] = Math.Max(_max[column], max[c]);
            }
        }
    }

    /// <summary>The recording's overview, or null when a chunk had none.</summary>
    public RecordingOverview? Result()
    {
        if (_incomplete)
        {
            return null;
        }
        for (int c = 0; c < _min.Length; c++)
        {
            if (_min[c] > _max[c])
            {
                (_min[c], _max[c]) = ((short)0, (short)0); // no sample reached it: cannot happen with whole chunks, but never a crossed pair
            }
        }
        return new RecordingOverview(ChunkOverview.ColumnSamples * _factor, _min, _max);
    }
}
