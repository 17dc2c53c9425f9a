using System.Buffers.Binary;

namespace Hark.Codec.Lac;

/// <summary>
/// The header of one LAC frame (spec section 3): sync word, prediction order, partition order, coefficient shift,
/// sample count and the prediction_order big-endian i16 LPC coefficients. 7 + 2 * prediction_order bytes.
/// </summary>
/// <remarks>
/// Parsing checks the fields in wire order and stops at the first violation, so a buffer that ends early reports
/// <see cref="LacRejection.Truncated"/> only when every field it does hold is valid: a foreign payload of two bytes
/// is a sync mismatch, not a truncation. That is the order the spec's section 6.1 describes ("any rejection that
/// happens while parsing bytes 0-4 precedes" the discovery of the sample count).
/// </remarks>
public readonly struct LacFrameHeader : IEquatable<LacFrameHeader>
{
    public const ushort SyncWord = 0x1ACC;
    public const int FixedLength = 7;
    public const int MaxPredictionOrder = 32;
    public const int MaxPartitionOrder = 7;
    public const int MaxCoefficientShift = 5;
    public const int MaxFrameSampleCount = ushort.MaxValue;
    public const int MaxLength = FixedLength + 2 * MaxPredictionOrder;

    private readonly short[]? _coefficients;

    /// <summary>Builds a header; throws <see cref="ArgumentOutOfRangeException"/> for any value the spec forbids.</summary>
    public LacFrameHeader(int partitionOrder, int coefficientShift, int frameSampleCount, ReadOnlySpan<short> coefficients)
    {
        var rejection = Validate(coefficients.Length, partitionOrder, coefficientShift, frameSampleCount);
        if (rejection != LacRejection.None)
        {
            throw new ArgumentOutOfRangeException(nameof(coefficients), rejection.Describe());
        }
        PartitionOrder = (byte)partitionOrder;
        CoefficientShift = (byte)coefficientShift;
        FrameSampleCount = (ushort)frameSampleCount;
        _coefficients = coefficients.ToArray();
    }

    /// <summary>0 = verbatim; 1-32 = LPC order (the number of coefficients).</summary>
    public int PredictionOrder => _coefficients?.Length ?? 0;
    public byte PartitionOrder { get; }
    /// <summary>Coefficients are Q(15 - shift).</summary>
    public byte CoefficientShift { get; }
    public ushort FrameSampleCount { get; }
    /// <summary>The stored predictor coefficients, in the predictor (+sum) convention of the synthesis formula.</summary>
    public ReadOnlySpan<short> Coefficients => _coefficients;

    public int Length => FixedLength + 2 * PredictionOrder;
    public int PartitionCount => 1 << PartitionOrder;
    public int PartitionLength => FrameSampleCount >> PartitionOrder;
    public bool IsVerbatim => PredictionOrder == 0;

    /// <summary>The first violated constraint among the header's numeric fields, in wire order.</summary>
    public static LacRejection Validate(int predictionOrder, int partitionOrder, int coefficientShift, int frameSampleCount)
    {
        if ((uint)predictionOrder > MaxPredictionOrder)
        {
            return LacRejection.PredictionOrderOutOfRange;
        }
        if ((uint)partitionOrder > MaxPartitionOrder)
        {
            return LacRejection.PartitionOrderOutOfRange;
        }
        if ((uint)coefficientShift > MaxCoefficientShift)
        {
            return LacRejection.CoefficientShiftOutOfRange;
        }
        if (predictionOrder == 0 && coefficientShift != 0)
        {
            return LacRejection.VerbatimWithShift;
        }
        if (frameSampleCount == 0)
        {
            return LacRejection.ZeroSampleCount;
        }
        if ((uint)frameSampleCount > MaxFrameSampleCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frameSampleCount), "frame_sample_count is a u16");
        }
        if ((frameSampleCount & ((1 << partitionOrder) - 1)) != 0)
        {
            return LacRejection.SampleCountNotDivisible;
        }
        return LacRejection.None;
    }

    /// <summary>
    /// Checks the fixed fields and the coefficient array without copying the coefficients (the decoder's path).
    /// </summary>
    public static LacRejection ReadFixedFields(ReadOnlySpan<byte> data, out int predictionOrder, out int partitionOrder,
        out int coefficientShift, out int frameSampleCount)
    {
        predictionOrder = partitionOrder = coefficientShift = frameSampleCount = 0;
        if (data.Length < 2)
        {
            return LacRejection.Truncated;
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(data) != SyncWord)
        {
            return LacRejection.SyncWordMismatch;
        }
        if (data.Length < 3)
        {
            return LacRejection.Truncated;
        }
        predictionOrder = data[2];
        if (predictionOrder > MaxPredictionOrder)
        {
            return LacRejection.PredictionOrderOutOfRange;
        }
        if (data.Length < 4)
        {
            return LacRejection.Truncated;
        }
        partitionOrder = data[3];
        if (partitionOrder > MaxPartitionOrder)
        {
            return LacRejection.PartitionOrderOutOfRange;
        }
        if (data.Length < 5)
        {
            return LacRejection.Truncated;
        }
        coefficientShift = data[4];
        if (coefficientShift > MaxCoefficientShift)
        {
            return LacRejection.CoefficientShiftOutOfRange;
        }
        if (predictionOrder == 0 && coefficientShift != 0)
        {
            return LacRejection.VerbatimWithShift;
        }
        if (data.Length < FixedLength)
        {
            return LacRejection.Truncated;
        }
        frameSampleCount = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(5));
        if (frameSampleCount == 0)
        {
            return LacRejection.ZeroSampleCount;
        }
        if ((frameSampleCount & ((1 << partitionOrder) - 1)) != 0)
        {
            return LacRejection.SampleCountNotDivisible;
        }
        if (data.Length < FixedLength + 2 * predictionOrder)
        {
            return LacRejection.Truncated;
        }
        return LacRejection.None;
    }

    public static LacRejection TryParse(ReadOnlySpan<byte> data, out LacFrameHeader header)
    {
        var rejection = ReadFixedFields(data, out int order, out int partitionOrder, out int shift, out int count);
        if (rejection != LacRejection.None)
        {
            header = default;
            return rejection;
        }
        var coefficients = new short[order];
        for (int j = 0; j < order; j++)
        {
            coefficients[j] = BinaryPrimitives.ReadInt16BigEndian(data.Slice(FixedLength + 2 * j));
        }
        header = new LacFrameHeader(partitionOrder, shift, count, coefficients);
        return LacRejection.None;
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out LacFrameHeader header, out LacRejection rejection)
    {
        rejection = TryParse(data, out header);
        return rejection == LacRejection.None;
    }

    /// <summary>Parses a header; throws <see cref="LacFormatException"/> with the rejection class.</summary>
    public static LacFrameHeader Parse(ReadOnlySpan<byte> data)
    {
        var rejection = TryParse(data, out var header);
        return rejection == LacRejection.None ? header : throw new LacFormatException(rejection, "frame header");
    }

    /// <summary>Writes the <see cref="Length"/> header bytes; returns that length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (FrameSampleCount == 0)
        {
            throw new InvalidOperationException("A default LacFrameHeader has no valid wire form.");
        }
        return Write(destination, CoefficientShift, PartitionOrder, FrameSampleCount, Coefficients);
    }

    /// <summary>Writes a header from its fields without building the struct (the encoder's path); no validation.</summary>
    public static int Write(Span<byte> destination, int coefficientShift, int partitionOrder, int frameSampleCount,
        ReadOnlySpan<short> coefficients)
    {
        int length = FixedLength + 2 * coefficients.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The header needs {length} bytes.", nameof(destination));
        }
        BinaryPrimitives.WriteUInt16BigEndian(destination, SyncWord);
        destination[2] = (byte)coefficients.Length;
        destination[3] = (byte)partitionOrder;
        destination[4] = (byte)coefficientShift;
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(5), (ushort)frameSampleCount);
        for (int j = 0; j < coefficients.Length; j++)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination.Slice(FixedLength + 2 * j), coefficients[j]);
        }
        return length;
    }

    public bool Equals(LacFrameHeader other) =>
        PartitionOrder == other.PartitionOrder && CoefficientShift == other.CoefficientShift &&
        FrameSampleCount == other.FrameSampleCount && Coefficients.SequenceEqual(other.Coefficients);

    public override bool Equals(object? obj) => obj is LacFrameHeader other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(PartitionOrder);
        hash.Add(CoefficientShift);
        hash.Add(FrameSampleCount);
        foreach (var c in Coefficients)
        {
            hash.Add(c);
        }
        return hash.ToHashCode();
    }

    public static bool operator ==(LacFrameHeader left, LacFrameHeader right) => left.Equals(right);
    public static bool operator !=(LacFrameHeader left, LacFrameHeader right) => !left.Equals(right);

    public override string ToString() =>
        $"LAC frame: order {PredictionOrder}, partition order {PartitionOrder}, shift {CoefficientShift}, {FrameSampleCount} samples";
}
