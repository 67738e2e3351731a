namespace GradScript.Tests.Tier;

/// <summary>
/// The control flow the compiled tier turns into jumps (break, continue and return out of nested
/// loops, no_grad left by a jump, loops of every kind compiled inline) ends as the interpreter's
/// completions end. Each program's output is pinned and must be the same in every tier.
/// </summary>
public class ControlFlowTests
{
    [Theory]
    [InlineData("""
        def first(xs, target) {
            for i, x in enumerate(xs) {
                for j in range(3) {
                    if j == 1 { continue }
                    if x == target { return [i, j] }
                }
            }
            return none
        }
        print(first([5, 6, 7], 7), first([1], 9))
        """, "[2, 0] none\n")]
    [InlineData("""
        w = param(2.0)
        t = 0.0
        for k in range(4) {
            no_grad {
                y = w * w
                if k == 2 { break }
            }
            t = t + y
        }
        print(t, type(w * w), type(y))
        """, "8.0 tracked float\n")]
    [InlineData("""
        s = ""
        n = 0
        while true {
            n += 1
            if n % 2 == 0 { continue }
            s = s + str(n)
            if n > 6 { break }
        }
        for a, b in zip([1, 2, 3], "xyz") { s = s + b * a }
        print(s, n, 1 if n > 5 else 0)
        """, "1357xyyzzz 7 1\n")]
    [InlineData("""
        def sum_to(n) {
            t = 0
            for i in 0..n { t += i }
            return t
        }
        xs = [1, 2]
        for x in xs { if len(xs) < 5 { append(xs, x * 10) } }
        print(sum_to(5), xs, [sum_to(k) for k in range(4)])
        """, "10 [1, 2, 10, 20, 100] [0, 0, 1, 3]\n")]
    public void JumpsEndAsTheInterpretersCompletions(string source, string expected)
    {
        var interpreted = TierRun.Of(source, Tiering.InterpreterOnly);
        Assert.Null(interpreted.Error);
        Assert.Equal(expected, interpreted.Output);
        Assert.Equal(interpreted, TierRun.Of(source, Tiering.CompileImmediately));
    }

    [Fact]
    public void ZipWalksItsSourcesInLocalsAsTheInterpreterWalksThem() => TierRun.AgreeInEveryTier("""
        def walk(xs, n, s) {
            out = []
            for a, b, c in zip(xs, 0..n, s) {
                if len(xs) < 5 { append(xs, a * 2) }
                if b == 6 { break }
                append(out, str(b) + c + str(a))
            }
            for (a) in zip(xs) { append(out, a) }
            return out
        }
        total = 0
        for i in range(1200) { total = total + len(walk([1.0, 2.0], i % 9, "abcdefgh")) }
        print(total, walk([0.5], 8, "xyz"), walk([1], 8, "abcdefgh"))
        print(walk([1.0], 3, 42))
        """,
        "9189 [\"0x0.5\", \"1y1.0\", \"2z2.0\", 0.5, 1.0, 2.0, 4.0] [\"0a1\", \"1b2\", \"2c4\", \"3d8\", \"4e16\", 1, 2, 4, 8, 16]\n",
        "tier.grad:3:20: runtime error: int is not iterable");

    [Fact]
    public void ARangeLoopCountsFromItsBoundsWithTheRangesErrors() => TierRun.AgreeInEveryTier("""
        def count(a, b) {
            n = 0
            for i in a..b { n = n + i % 7 }
            for i in b..a { n = n + 1 }
            for i in true..3 { n = n * 2 }
            return n
        }
        t = 0
        for j in 0..1500 { t = t + count(j - 3, j % 11) }
        print(t, count(9223372036854775800, 9223372036854775807), count(-9223372036854775807, -9223372036854775805))
        x = 2.5
        print(count(0, x))
        """, "4449584 84 4\n", "tier.grad:3:14: runtime error: range bounds must be integers, not int and float");

    [Fact]
    public void ARangeTooLongIsRefusedBeforeTheCompiledLoopBegins() => TierRun.AgreeInEveryTier("""
        def span(a, b) {
            k = 0
            for i in a..b { k = k + 1; if k > 3 { break } }
            return k
        }
        for j in 0..1500 { span(j, j + 5) }
        print(span(-9223372036854775807 - 1, 9223372036854775807))
        """, "", "tier.grad:3:14: runtime error: range too long (more than 9223372036854775807 items)");
}
