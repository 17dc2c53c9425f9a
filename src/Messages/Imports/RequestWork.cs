namespace Hark.Messages;

/// <summary>An idle importer asks a recording's entity for one chunk. Answered with <see cref="ChunkJob"/> or <see cref="NoWork"/>.</summary>
public sealed record RequestWork(string RecordingId) : IRecordingMessage;
