namespace Hark.Media.Tools;

/// <summary>What a path names, as far as reading a source from it is concerned.</summary>
internal enum FileKind
{
    Missing,
    Inaccessible,
    Regular,
    Directory,
    NamedPipe,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
