using System.Runtime.InteropServices;
using TorchSharp;

namespace GradScript.Oracle;

/// <summary>
/// Loads libtorch once per test run, the way the suite needs it: TorchSharp's native library patched
/// to load on Debian 12 (see <see cref="ElfVersionPatch"/>), and libtorch's generic kernels chosen
/// with <c>ATEN_CPU_CAPABILITY=default</c>. The vectorised kernels fuse multiply-adds and send some
/// 0-dim functions through MKL, which moves results by an ulp depending on the CPU; the generic
/// ones compute each element as the scalar C++ code reads, which is what GradScript matches.
/// </summary>
internal static class Libtorch
{
    private static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Makes sure libtorch is loaded with generic kernels before the first torch call.</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    private static bool Load()
    {
        // libtorch reads the variable with getenv when it loads; .NET's SetEnvironmentVariable does
        // not reach the C environment on Linux, so it is set through libc (a value given from
        // outside, as .ci/run does, is kept).
        if (Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") is null)
            _ = setenv("ATEN_CPU_CAPABILITY", "default", 0);
        string native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (File.Exists(native)) ElfVersionPatch.MakeWeak(native, "GLIBCXX_3.4.32");
        torch.set_num_threads(1);
        return true;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
