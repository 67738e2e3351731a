namespace GradScript.Tests.Cli;

/// <summary>
/// A fact that needs Graphviz's real <c>dot</c>: skipped, saying why, where it is not installed,
/// unless the environment variable <see cref="RequiredVariable"/> is set, as <c>.ci/run</c> sets
/// it. There the test runs and fails without dot, so CI cannot pass by skipping it.
/// </summary>
internal sealed class GraphvizFactAttribute : FactAttribute
{
    /// <summary>Set (to anything non-empty) where Graphviz must be installed.</summary>
    public const string RequiredVariable = "GRADSCRIPT_REQUIRE_GRAPHVIZ";

    public GraphvizFactAttribute()
    {
        if (ProgramsOnPath.Find("dot") is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RequiredVariable)))
            Skip = "Graphviz's dot is not installed (apt-get install graphviz; .ci/run installs it)";
    }
}
