namespace Hark.Contracts;

/// <summary>The recording cannot be written in the format asked for (ADTS of a LAC recording): the caller's choice, a 400.</summary>
public sealed class ExportNotPossibleException(string message) : Exception(message);
