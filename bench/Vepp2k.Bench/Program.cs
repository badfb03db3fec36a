using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Vepp2k.Bench -- --filter '*'   (see docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Vepp2k.Bench.OpticsBenchmarks).Assembly).Run(args);
