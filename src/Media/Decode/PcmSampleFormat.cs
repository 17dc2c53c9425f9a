namespace Hark.Media.Decode;

/// <summary>The sample type a <see cref="PcmStream"/> hands out.</summary>
public enum PcmSampleFormat
{
    /// <summary>Integers at the source's own bit depth (see <see cref="PcmStream.BitsPerSample"/>).</summary>
    S32,

    /// <summary>Floats, full scale ±1.0.</summary>
    F32,
}
