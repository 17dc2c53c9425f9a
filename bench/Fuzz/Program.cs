using System.Globalization;
using Hark.Fuzzing;

// The fuzz campaign: every parser of outside bytes, a fixed seed each, N cases (10,000 by default).
//   dotnet run -c Release --project bench/Fuzz [-- --cases N] [--target NAME] [--replay CASE]
// --replay runs one case of one target and prints how it ended, for a failure reported with its case number.
int cases = 10_000;
string? only = null;
int? replay = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cases": cases = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--target": only = args[++i]; break;
        case "--replay": replay = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]} (--cases N, --target NAME, --replay CASE)");
            return 2;
    }
}

var targets = (await FuzzTargets.AllAsync()).Where(t => only is null || t.Name == only).ToList();
if (targets.Count == 0)
{
    Console.Error.WriteLine($"no target named {only}");
    return 2;
}
var runner = new FuzzRunner();
if (replay is { } caseNumber)
{
    foreach (var target in targets)
    {
        Console.WriteLine(runner.RunCase(target, caseNumber));
    }
    return 0;
}

Console.WriteLine($"{"parser",-15} {"seed",10} {"cases",7} {"accepted",9} {"documented",11} {"unhandled",10} {"hangs",6} {"over-alloc",11} {"max alloc",12} {"bound",12}");
bool passed = true;
foreach (var target in targets)
{
    var report = runner.Run(target, cases);
    passed &= report.Passed;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{report.Target,-15} {report.Seed,10} {report.Cases,7} {report.Accepted,9} {report.DocumentedErrors,11} {report.Unhandled,10} {report.Hangs,6} {report.OverAllocations,11} {Kib(report.MaxAllocatedBytes),12} {Kib(report.AllocationBound),12}"));
    foreach (var failure in report.Failures)
    {
        Console.WriteLine($"    {failure}");
    }
}
return passed ? 0 : 1;

static string Kib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB");
