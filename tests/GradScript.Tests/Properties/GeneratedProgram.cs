namespace GradScript.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

/// <summary>
/// A program made by <see cref="ProgramGenerator"/>, kept as its top-level statements so that FsCheck
/// can shrink a failing one by leaving statements out. A shrunk program may use a name it no longer
/// defines; that is a runtime error, which every property here accepts.
/// </summary>
public sealed record GeneratedProgram(IReadOnlyList<string> Statements)
{
    /// <summary>The program's source.</summary>
    public string Text => string.Join("\n", Statements) + "\n";

    /// <summary>FsCheck reports a failing case by this: the source itself.</summary>
    public override string ToString() => "\n" + Text;

    /// <summary>Smaller programs: each with one top-level statement left out.</summary>
    public IEnumerable<GeneratedProgram> Shrink()
    {
        if (Statements.Count <= 1) yield break;
        for (int i = 0; i < Statements.Count; i++)
            yield return new GeneratedProgram(Statements.Where((_, j) => j != i).ToList());
    }
}

/// <summary>The FsCheck generators of programs: well-formed ones, and well-formed ones then corrupted.</summary>
public static class Programs
{
    /// <summary>
    /// Well-formed programs, growing with FsCheck's size. FsCheck supplies the size and a 64-bit
    /// seed; the generator draws from FsCheck's own random stream seeded with it, so replaying a
    /// run's seed makes the same programs.
    /// </summary>
    public static Gen<GeneratedProgram> WellFormed { get; } =
        Gen.Sized(size => Seeds.Select(seed => new ProgramGenerator(seed, size).Generate()));

    /// <summary><see cref="WellFormed"/>, shrinking by statements.</summary>
    public static Arbitrary<GeneratedProgram> WellFormedArbitrary { get; } = Arb.From(WellFormed, p => p.Shrink());

    /// <summary>Well-formed programs with one to four token- or character-level edits.</summary>
    public static Arbitrary<CorruptedProgram> CorruptedArbitrary { get; } = Arb.From(
        from program in WellFormed
        from seed in Seeds
        select Corruption.Corrupt(program, seed),
        c => c.Shrink());

    private static Gen<ulong> Seeds { get; } =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)high << 32) | (uint)low;
}
