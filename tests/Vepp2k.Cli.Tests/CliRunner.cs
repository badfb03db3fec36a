using Vepp2k.Cli;

namespace Vepp2k.Cli.Tests;

/// <summary>Runs the vepp2k command in process with its standard output and error captured.</summary>
internal static class CliRunner
{
    private static readonly object Gate = new();

    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldError) = (Console.Out, Console.Error);
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                int exit = CliApp.Run(args);
                return (exit, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
