namespace GradScript.Tests.Properties;

using System.Collections;
using System.Reflection;
using GradScript.Ast;
using GradScript.Diagnostics;

/// <summary>
/// Structural equality of two syntax trees that ignores where things stand, unless asked: every
/// property of every AST record is compared except (by default) those of type <see cref="SourceSpan"/>. It walks the records by
/// reflection, so a field added to a node is compared without touching this file. Lists compare
/// item by item (the records' own equality would compare them by reference), numbers by their bits,
/// so <c>1</c> and <c>1.0</c> differ.
/// </summary>
internal static class AstEquality
{
    /// <summary>Null when the trees are equal; else the path to the first difference and the two values there.</summary>
    /// <param name="spans">Whether places are compared too (they are not by default).</param>
    public static string? Difference(object? expected, object? actual, string path = "script", bool spans = false)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{path}: {Show(expected)} vs {Show(actual)}";
        if (expected is IList list && actual is IList other)
        {
            // Whatever list type each holds: the builder makes some with collection expressions.
            if (list.Count != other.Count) return $"{path}: {list.Count} items vs {other.Count}";
            for (int i = 0; i < list.Count; i++)
            {
                if (Difference(list[i], other[i], $"{path}[{i}]", spans) is { } difference) return difference;
            }
            return null;
        }
        if (expected.GetType() != actual.GetType())
            return $"{path}: {expected.GetType().Name} {Show(expected)} vs {actual.GetType().Name} {Show(actual)}";
        switch (expected)
        {
            case string or bool or long or char or Enum:
                return expected.Equals(actual) ? null : $"{path}: {Show(expected)} vs {Show(actual)}";
            case SourceSpan span:
                var place = (SourceSpan)actual;
                return span == place ? null : $"{path}: {span}-{span.EndLine}:{span.EndColumn} vs {place}-{place.EndLine}:{place.EndColumn}";
            case double d:
                return BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)actual)
                    ? null : $"{path}: {d:R} vs {(double)actual:R}";
        }
        if (expected.GetType().Namespace != typeof(Node).Namespace)
            throw new ArgumentException($"{path}: no rule to compare a {expected.GetType().FullName}");
        foreach (var property in Compared(expected.GetType(), spans))
        {
            var difference = Difference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", spans);
            if (difference is not null) return difference;
        }
        return null;
    }

    private static IEnumerable<PropertyInfo> Compared(Type type, bool spans) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => (spans || p.PropertyType != typeof(SourceSpan)) && p.GetIndexParameters().Length == 0);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        Expr e => AstPrinter.Print(e),
        _ => value.ToString() ?? "",
    };
}
