using Hark.Cli;

return await HarkCli.RunAsync(args);
