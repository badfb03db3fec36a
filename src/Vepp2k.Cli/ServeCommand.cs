using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Vepp2k.Web;

namespace Vepp2k.Cli;

/// <summary>vepp2k serve: the simulated VEPP-2000 model behind HTTP/JSON, on the embedded default.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var bind = new Option<string>("--bind") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--http-port") { Description = "HTTP port (0 = any free port)", DefaultValueFactory = _ => 8080 };
        var mode = new Option<string>("--mode") { Description = "default lattice mode", DefaultValueFactory = _ => Machine.Modes.Default };
        var command = new Command("serve", "serve the simulated VEPP-2000 model over HTTP/JSON (read-only optics API)") { bind, port, mode };
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                var app = OpticsServer.Create(new ServerOptions(parse.GetValue(bind)!, parse.GetValue(port), parse.GetValue(mode)!));
                await app.StartAsync(cancel);
                foreach (var url in app.Urls) Console.WriteLine($"vepp2k: serving the simulated VEPP-2000 ({parse.GetValue(mode)}) at {url}");
                await app.WaitForShutdownAsync(cancel);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                Console.Error.WriteLine($"vepp2k serve: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
