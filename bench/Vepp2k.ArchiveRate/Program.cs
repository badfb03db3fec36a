using System.Globalization;
using Vepp2k.ArchiveRate;

// dotnet run -c Release --project bench/Vepp2k.ArchiveRate -- --hours 2 --time-scale 40   (see docs/benchmarks.md)
var options = BenchOptions.Parse(args);
var result = await ArchiveRun.Run(options, Console.Out);
Console.WriteLine(result.Summary());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT bytes_per_day={result.BytesPerDay:F0} mb_per_day={result.BytesPerDay / 1e6:F1} setpoints_kept={result.SetpointsKept}/{result.SetpointsWritten} alarms_kept={result.AlarmsKept}/{result.AlarmsRaised}"));
return result.BytesPerDay <= 200e6 && result.SetpointsKept == result.SetpointsWritten && result.AlarmsKept == result.AlarmsRaised ? 0 : 1;
