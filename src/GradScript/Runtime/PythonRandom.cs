namespace GradScript.Runtime;
// PLACEHOLDER until helper delivers the real Mersenne Twister.
internal sealed class PythonRandom
{
    private System.Random _r = new(0);
    public void Seed(long n) => _r = new System.Random((int)n);
    public double Random() => _r.NextDouble();
    public double Uniform(double a, double b) => a + (b - a) * Random();
    public double Gauss(double mu, double sigma) => mu + sigma * Random();
}
