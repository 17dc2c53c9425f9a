using System.CommandLine;
using Hark.Cli.Commands;

namespace Hark.Cli;

/// <summary>Every top-level command of the CLI, one factory per command group.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return ImportCommand.Create();
        yield return SegmentCommand.Create();
        foreach (var command in RecordingCommands.Create())
        {
            yield return command;
        }
        yield return ExportCommand.Create();
        yield return BenchCommands.Create();
        yield return AdtsCommands.Create();
        yield return LacCommands.Create();
        yield return ArchiveCommands.Verify();
        yield return ArchiveCommands.Remove();
        yield return TiffArchiveCommands.Create();
        yield return ServeCommand.Create();
    }
}
