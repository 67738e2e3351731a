namespace GradScript.Tests.Reliability;

using Xunit.Abstractions;

/// <summary>
/// <see cref="NestingPositionTests"/>' matrix (every position × every construct × depths 10 to
/// 10⁶), one class per thread stack. xunit runs the cases of one class one after another and
/// different classes side by side; as one class, the matrix was the longest of the suite, which
/// CI runs four times, and kept one core busy after the rest had ended.
/// </summary>
public abstract class NestingPositionMatrix(ITestOutputHelper output, int stack)
{
    public static TheoryData<string, string> Cases() => NestingPositionTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryPositionTakesEveryNestingToItsResultOrAPlacedError(string position, string construct) =>
        NestingPositionTests.EveryDepthGivesItsResultOrAPlacedError(position, construct, stack, output);
}

[Trait("Category", "Bombs")]
public sealed class NestingPositionsOnA256KilobyteStack(ITestOutputHelper output) : NestingPositionMatrix(output, 256 * 1024);

[Trait("Category", "Bombs")]
public sealed class NestingPositionsOnA1MegabyteStack(ITestOutputHelper output) : NestingPositionMatrix(output, 1024 * 1024);

[Trait("Category", "Bombs")]
public sealed class NestingPositionsOnA16MegabyteStack(ITestOutputHelper output) : NestingPositionMatrix(output, 16 * 1024 * 1024);
