namespace GradScript.Tests.Embedding;

using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

/// <summary>
/// The two packages a user installs: the library (with its docs, readme, licence and symbols) and
/// the gradscript tool, installed here from the locally packed package and run. On linux-x64 the
/// tool installed is the ReadyToRun one (build/Tool.props).
/// </summary>
public class PackagingTests
{
    [Fact]
    public void TheLibraryAndToolPackagesInstallAndRun()
    {
        string root = IsolationTests.RepositoryRoot();
        string work = Directory.CreateTempSubdirectory("gradscript-pack-").FullName;
        try
        {
            string packages = Path.Combine(work, "packages");
            string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            Dotnet(root, "pack", "src/GradScript/GradScript.csproj", "--no-build", "-c", configuration, "-o", packages);
            // Not --no-build: the tool's packages for each platform are built for it, apart from `dotnet build`.
            Dotnet(root, "pack", "src/GradScript.Cli/GradScript.Cli.csproj", "-c", configuration, "-o", packages);

            using (var library = ZipFile.OpenRead(Path.Combine(packages, "GradScript.0.1.0.nupkg")))
            {
                var entries = library.Entries.Select(e => e.FullName).ToHashSet();
                Assert.Contains("lib/net10.0/GradScript.Core.dll", entries);
                Assert.Contains("lib/net10.0/GradScript.Core.xml", entries);
                Assert.Contains("README.md", entries);
                Assert.Contains("LICENSE", entries);
            }
            Assert.True(File.Exists(Path.Combine(packages, "GradScript.0.1.0.snupkg")));

            string tools = Path.Combine(work, "tools");
            Dotnet(work, "tool", "install", "GradScript.Cli", "--version", "0.1.0", "--tool-path", tools, "--add-source", packages);
            var (exit, output) = Run(Path.Combine(tools, "gradscript"), work, "-e", "w = param(3.0); l = w * w; backward(l); print(grad(w))");
            Assert.Equal((0, "6.0\n"), (exit, output));

            if (RuntimeInformation.RuntimeIdentifier == "linux-x64")
            {
                string installed = Directory.GetFiles(Path.Combine(tools, ".store"), "gradscript.dll", SearchOption.AllDirectories).Single();
                Assert.True(IsReadyToRun(installed), $"{installed} is not ReadyToRun");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // A ReadyToRun image carries native code beside its IL, announced by the CLI header's
    // managed native header directory.
    private static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static void Dotnet(string directory, params string[] arguments)
    {
        var (exit, output) = Run("dotnet", directory, arguments);
        Assert.True(exit == 0, $"dotnet {string.Join(' ', arguments)} exited {exit}:\n{output}");
    }

    private static (int Exit, string Output) Run(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
