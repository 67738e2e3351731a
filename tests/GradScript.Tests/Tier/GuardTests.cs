namespace GradScript.Tests.Tier;

/// <summary>
/// The compiled tier gives the interpreter's results when values change kind under it: a loop that
/// starts on ints or floats and meets a float, a tracked value or a string takes the same path the
/// interpreter takes at that operation, with the same digits and the same error at the same place.
/// Each program runs in both tiers (and adaptively, where the switch happens mid-loop) and the
/// runs must agree to the character; the expected text is pinned too, so that both being wrong
/// the same way does not pass.
/// </summary>
public class GuardTests
{
    [Fact]
    public void AnIntThatBecomesAFloatMidLoop() => TierRun.AgreeInEveryTier("""
        def step(x) { return x * 3 + 1 }
        s = 0
        for i in range(3000) {
            if i == 2500 { s = s + 0.1 }
            s = step(s) % 1000003
        }
        print(s)
        """, "858998.4418218443\n");

    [Fact]
    public void AFloatThatBecomesTrackedMidLoopRecordsFromThere() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        x = 1.0
        for i in range(2000) {
            if i == 1990 { x = x * w }
            x = x * 1.0001 - 0.00001
        }
        backward(x)
        print(x, grad(w))
        """, "0.5995757227474475 1.199351535518898\n");

    [Fact]
    public void AStringMidLoopIsTheInterpretersErrorAtTheOperator() => TierRun.AgreeInEveryTier("""
        def f(a, b) {
            return a - b
        }
        xs = []
        for i in range(1500) { append(xs, i * 0.5) }
        xs[1400] = "oops"
        t = 0.0
        for x in xs { t = t + f(x, 1) }
        print(t)
        """, "", "tier.grad:2:14: runtime error: unsupported operand types for -: string and int");

    [Fact]
    public void AnUndefinedLocalInACompiledFunctionIsTheInterpretersError() => TierRun.AgreeInEveryTier("""
        def f(n) {
            if n > 1200 { print(y) }
            y = n
            return y
        }
        for i in range(1300) { f(i) }
        """, "", "cannot access local variable 'y' where it is not associated with a value");

    [Fact]
    public void ClosuresGlobalsListsAndBuiltinsWorkInCompiledCode() => TierRun.AgreeInEveryTier("""
        def counter() {
            n = 0
            def inc(k) {
                n += k
                return n
            }
            return inc
        }
        c = counter()
        total = 0.0
        xs = [1.5, 2.5]
        for i in range(1200) {
            total = total + c(1) * xs[i % 2] - sqrt(abs(-4.0)) / max(1, i)
            if i % 400 == 0 { append(xs, total) }
            if total > 1e300 { break }
        }
        print(total, len(xs), xs[-1])
        """, "1441482.6662484494 5 642184.9750954754\n");
}
