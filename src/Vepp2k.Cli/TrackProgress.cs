using Spectre.Console;

namespace Vepp2k.Cli;

/// <summary>
/// A Spectre.Console progress bar on standard error for a long tracking run, counted in particle
/// passes; nothing is drawn when standard error is not a terminal (scripts, tests, CI logs).
/// </summary>
public static class TrackProgress
{
    public static T Run<T>(string title, long total, Func<IProgress<int>?, T> work)
    {
        if (Console.IsErrorRedirected) return work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(title, maxValue: total);
                // Reports come from the tracker's worker threads, as a running count of particles done.
                var gate = new Lock();
                var result = work(new Reporter(n =>
                {
                    lock (gate) task.Value = Math.Max(task.Value, n);
                }));
                task.Value = total;
                return result;
            });
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
