namespace Hark.Engine.Import;

/// <summary>An import Hark will not start: the id is taken, the codec cannot carry the source, ...</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
