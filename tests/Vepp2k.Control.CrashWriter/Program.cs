using Vepp2k.Control.History;
using Vepp2k.Control.WorkingSets;

// Usage: CrashWriter sqlite <folder> | postgres <connection string>
// Loops forever: one event, one batch of samples, one working-set version, printing each write
// only after the store returned it, so every printed line is a write the store acknowledged.
// Sample batch i holds values i*Batch .. i*Batch+Batch-1; working-set version comment "i" has all
// item values equal to i: a checker can tell a complete write from a partial one.
const int Batch = 2000, Items = 120;
using IControlStore store = args[0] == "postgres" ? ControlStore.Open("", args[1]) : ControlStore.Open(args[1], null);
var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
var samples = new ArchiveSample[Batch];
for (long i = 0; ; i++)
{
    var e = store.AppendEvent(new EventRecord(0, t0.AddSeconds(i), EventKind.Operator, "crash", $"seq/{i}", $"event {i}", null, null, "applied"));
    Console.WriteLine($"E {e.Id} {i}");
    for (int k = 0; k < Batch; k++)
        samples[k] = new ArchiveSample("crash", t0.AddTicks(10 * (i * Batch + k)), i * Batch + k, 0);
    store.AppendSamples(samples);
    Console.WriteLine($"S {i}");
    var items = Enumerable.Range(0, Items).Select(k => new WorkingSetItem($"VEPP/QUAD/{k}/SCur", i, "quads")).ToArray();
    var set = store.SaveWorkingSet(new WorkingSet("crash", 0, t0.AddSeconds(i), "crash", i.ToString(), ["crash"], items));
    Console.WriteLine($"W {set.Version} {i}");
}
