namespace Hark.Media.Errors;

/// <summary>libavcodec refused a frame or could not be set up; carries libavcodec's error code when there is one.</summary>
public sealed class AacDecodeException(string message, int errorCode = 0) : Exception(message)
{
    public int ErrorCode { get; } = errorCode;
}
