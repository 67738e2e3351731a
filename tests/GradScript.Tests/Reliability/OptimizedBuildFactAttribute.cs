namespace GradScript.Tests.Reliability;

using System.Diagnostics;
using System.Reflection;

/// <summary>
/// A fact whose time budget holds for an optimized (Release) build of GradScript in the runtime's
/// default configuration. Skipped, saying why, when the library was built without optimizations, as
/// <c>dotnet test</c>'s default Debug build is (the JIT then compiles every method of the library,
/// the generated parser included, unoptimized: a large parse is about twice as slow), and when
/// tiered compilation is turned off (then no method is compiled with the profile that tiering
/// gathers: ~1.5x slower here). <c>.ci/run</c> runs these facts in a Release pass of its own.
/// </summary>
internal sealed class OptimizedBuildFactAttribute : FactAttribute
{
    public OptimizedBuildFactAttribute()
    {
        if (typeof(Engine).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
            Skip = "a time budget for optimized builds, and GradScript is a Debug build here (dotnet test -c Release runs it)";
        else if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0")
            Skip = "a time budget for the runtime's default configuration, and tiered compilation is off here";
    }
}
