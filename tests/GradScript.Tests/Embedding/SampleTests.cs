namespace GradScript.Tests.Embedding;

/// <summary>The embedding guide's complete example (samples/CurveFitting) runs and fits its data.</summary>
public class SampleTests
{
    [Fact]
    public void TheCurveFittingHostRecoversTheParameters()
    {
        var output = new StringWriter { NewLine = "\n" };
        CurveFitting.CurveFitter.Run(Path.Combine(IsolationTests.RepositoryRoot(), "samples", "CurveFitting", "model.grad"), output);
        var lines = output.ToString().Split('\n');
        Assert.StartsWith("a = 3.000 ", lines[1]);
        Assert.StartsWith("k = 0.700 ", lines[2]);
        Assert.StartsWith("c = 0.500 ", lines[3]);
        Assert.Equal("predict(1) = 1.9898, d/dt = -1.0428", lines[4]);
    }
}
