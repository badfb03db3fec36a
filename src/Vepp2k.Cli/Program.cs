return Vepp2k.Cli.CliApp.Run(args);
