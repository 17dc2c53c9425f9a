namespace Hark.Media.Errors;

/// <summary>libavcodec's AAC encoder could not be set up or refused input; carries libavcodec's error code when there is one.</summary>
public sealed class AacEncodeException(string message, int errorCode = 0) : Exception(message)
{
    public int ErrorCode { get; } = errorCode;
}
