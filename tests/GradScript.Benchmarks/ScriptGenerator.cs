namespace GradScript.Benchmarks;

using System.Globalization;
using System.Text;

/// <summary>
/// Writes a long, realistic GradScript program for the parse benchmark: blocks of functions with
/// defaults, loops, branches, arithmetic, lists, f-strings, closures and a little autograd, the mix
/// the example scripts have. Every line is code or a comment, as in a real file; the text is the
/// same for the same line count, and it runs.
/// </summary>
public static class ScriptGenerator
{
    /// <summary>A script of exactly <paramref name="lines"/> lines: whole blocks, then comment lines to fill.</summary>
    public static string Generate(int lines)
    {
        var text = new StringBuilder();
        int written = 0;
        for (int block = 0; ; block++)
        {
            var next = Block(block).ToList();
            if (written + next.Count > lines) break;
            foreach (string line in next) text.Append(line).Append('\n');
            written += next.Count;
        }
        for (; written < lines; written++) text.Append("# the end\n");
        return text.ToString();
    }

    private static IEnumerable<string> Block(int n)
    {
        string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        double a = 0.5 + n % 7 * 0.25, b = 1 + n % 5;
        yield return $"# block {n}: a small model, its data and a few steps of training";
        yield return $"def model_{n}(x, w, b=0.0, scale={Num(a)}) {{";
        yield return "    total = 0.0";
        yield return $"    for i in 0..{3 + n % 4} {{";
        yield return "        h = x * w + b * i - 0.5";
        yield return "        if h > 0 { total += h * scale } else { total -= 0.1 * h }";
        yield return "    }";
        yield return "    return total / (1 + abs(x))";
        yield return "}";
        yield return $"def counter_{n}(step=1) {{";
        yield return "    count = 0";
        yield return "    def next() { count += step; return count }";
        yield return "    return next";
        yield return "}";
        yield return $"data_{n} = [{Num(a)}, {Num(b)}, -{Num(a + b)}, {n % 10}, 2.5e-1]";
        yield return $"tick_{n} = counter_{n}(step={1 + n % 3})";
        yield return $"w_{n} = param({Num(0.1 * (1 + n % 9))})";
        yield return $"acc_{n} = 0";
        yield return $"for j, v in enumerate(data_{n}) {{";
        yield return $"    acc_{n} = acc_{n} + model_{n}(v, {Num(b)}, b=j) * 2 - tick_{n}() % 3";
        yield return $"    if j % 2 == 0 and v > 0 or j == 3 {{ acc_{n} += 1 }}";
        yield return "}";
        yield return $"while acc_{n} > 100 {{ acc_{n} = acc_{n} / 2 }}";
        yield return $"for step in 0..2 {{";
        yield return $"    loss = (w_{n} * {Num(b)} - {Num(a)}) ^ 2 + 0.01 * w_{n} * w_{n}";
        yield return "    backward(loss)";
        yield return $"    w_{n} -= 0.1 * grad(w_{n})";
        yield return "}";
        yield return $"print(f\"block {n}: acc = {{acc_{n}:.3f}}, w = {{w_{n}:.4f}}\", len(data_{n}))";
        yield return "";
    }
}
