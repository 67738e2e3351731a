namespace GradScript.Cli.Kernel;

/// <summary>Carries out <see cref="KernelRequest"/> and <see cref="KernelInstallRequest"/>.</summary>
internal static class KernelCommand
{
    /// <summary>Serves a notebook until a shutdown request; exit 0 then, 66 when the connection file is unusable, 69 when a port is.</summary>
    public static int Serve(KernelRequest request, CliConsole console)
    {
        ConnectionFile connection;
        try
        {
            connection = ConnectionFile.Read(request.ConnectionFile);
        }
        catch (KernelStartException e)
        {
            console.ErrorLine($"gradscript kernel: {e.Message}");
            return ExitCodes.NoInput;
        }
        KernelServer server;
        try
        {
            server = new KernelServer(connection, request.Limits, console.Error);
        }
        catch (KernelStartException e)
        {
            console.ErrorLine($"gradscript kernel: {e.Message}");
            return ExitCodes.Unavailable;
        }
        return server.Run(console.CtrlC);
    }

    /// <summary>Writes the kernelspec; exit 0, or 73 when its directory cannot be written.</summary>
    public static int Install(KernelInstallRequest request, CliConsole console, Func<string, string?> environment)
    {
        string directory = KernelSpec.Directory(request.User, request.Prefix, environment);
        try
        {
            string path = KernelSpec.Write(directory, KernelSpec.Launcher());
            console.OutLine($"installed the GradScript kernelspec in {Path.GetDirectoryName(path)}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.ErrorLine($"gradscript kernel install: cannot write {directory}: {e.Message}");
            if (!request.User && request.Prefix is null) console.ErrorLine("gradscript kernel install: try --user, or --prefix DIR");
            return ExitCodes.CannotCreate;
        }
    }
}
