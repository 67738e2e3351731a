namespace GradScript.Tests.Embedding;

using System.Reflection;
using System.Text;

/// <summary>
/// The library's public surface, pinned: every exported type and every public or protected member,
/// one line each, compared with the checked-in listing <c>tests/GradScript.Tests/Embedding/PublicApi.txt</c>.
/// A change to the API then shows up in review as a change to that file. To accept a deliberate
/// change, run this test with <c>GRADSCRIPT_UPDATE_PUBLIC_API=1</c>, which rewrites the listing.
/// </summary>
public class PublicApiTests
{
    private const string UpdateVariable = "GRADSCRIPT_UPDATE_PUBLIC_API";

    private static string ListingPath =>
        Path.Combine(GoldenCorpusTests.RepositoryRoot(), "tests", "GradScript.Tests", "Embedding", "PublicApi.txt");

    [Fact]
    public void ThePublicApiIsTheCheckedInListing()
    {
        string actual = PublicApi.Listing(typeof(Engine).Assembly);
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(UpdateVariable)))
        {
            File.WriteAllText(ListingPath, actual);
            return;
        }
        string expected = File.Exists(ListingPath) ? File.ReadAllText(ListingPath).ReplaceLineEndings("\n") : "";
        if (expected == actual) return;
        var expectedLines = Qualified(expected);
        var actualLines = Qualified(actual);
        var report = new StringBuilder("The public API of GradScript.Core differs from ").Append(ListingPath).Append(":\n");
        foreach (var line in actualLines.Where(l => !expectedLines.Contains(l))) report.Append("  added:   ").Append(line).Append('\n');
        foreach (var line in expectedLines.Where(l => !actualLines.Contains(l))) report.Append("  removed: ").Append(line).Append('\n');
        report.Append($"If the change is meant, run this test with {UpdateVariable}=1 to rewrite the listing, and commit it.");
        Assert.Fail(report.ToString());
    }

    // Each member line with its type in front, so that a difference says where it is.
    private static HashSet<string> Qualified(string listing)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        string type = "";
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(' ')) type = line;
            lines.Add(line.StartsWith(' ') ? $"{type} :: {line.TrimStart()}" : line);
        }
        return lines;
    }

    [Fact]
    public void TheGeneratedParserIsNotPartOfIt()
    {
        var exported = typeof(Engine).Assembly.GetExportedTypes();
        Assert.DoesNotContain(exported, t => t.Namespace?.StartsWith("GradScript.Syntax", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(exported, t => typeof(Antlr4.Runtime.Recognizer<,>).Name == t.BaseType?.Name || t.Name.EndsWith("Context", StringComparison.Ordinal));
    }

    [Fact]
    public void TheListingShowsTypesAndMembersAsCSharpWritesThem()
    {
        string listing = PublicApi.Listing(typeof(Engine).Assembly);
        Assert.Contains("class GradScript.Engine\n", listing);
        Assert.Contains("  method GradScript.CompiledScript Compile(string source, string name)\n", listing);
        Assert.Contains("  method System.Collections.Generic.IReadOnlyList<string> GetGlobalNames()\n", listing);
        Assert.Contains("struct GradScript.ScriptValue\n", listing);
        Assert.Contains("  property double? Gradient { get; }\n", listing);
        Assert.Contains("enum GradScript.Tooling.InputStatus\n", listing);
    }
}

/// <summary>Writes an assembly's public surface as sorted text, one type or member a line.</summary>
internal static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Listing(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(KindOf(type)).Append(' ').Append(Name(type)).Append(BaseOf(type)).Append('\n');
            var members = type.GetMembers(Declared).Where(IsVisible).Select(Describe).Where(line => line is not null).Order(StringComparer.Ordinal);
            foreach (var member in members) text.Append("  ").Append(member).Append('\n');
        }
        return text.ToString();
    }

    private static string KindOf(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct"
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";

    private static string BaseOf(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) && !typeof(Delegate).IsAssignableFrom(type)) bases.Add(Name(b));
        // An enum's interfaces are System.Enum's, the same for every enum.
        if (!type.IsEnum) bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName || m is ConstructorInfo { IsPublic: true } or ConstructorInfo { IsFamily: true },
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { IsPublic: true } or { IsFamily: true },
        Type t => t.IsNestedPublic || t.IsNestedFamily,
        _ => false,
    };

    private static string? Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"{Static(c)}constructor ({Parameters(c)})",
        MethodInfo m when m.Name.StartsWith("op_", StringComparison.Ordinal) => $"operator {Name(m.ReturnType)} {m.Name}({Parameters(m)})",
        MethodInfo m => $"{Static(m)}method {Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m)})",
        PropertyInfo p => $"{(p.GetAccessors(true)[0].IsStatic ? "static " : "")}property {Name(p.PropertyType)} {p.Name}{Indexer(p)} {{ {Accessors(p)}}}",
        FieldInfo f when f.DeclaringType!.IsEnum => f.IsStatic ? $"value {f.Name} = {f.GetRawConstantValue()}" : null,
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}field {Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type => null,
        _ => null,
    };

    private static string Static(MethodBase m) => m.IsStatic ? "static " : "";

    private static string Generic(MethodInfo m) => m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Indexer(PropertyInfo p) => p.GetIndexParameters() is { Length: > 0 } index ? "[" + string.Join(", ", index.Select(i => Name(i.ParameterType))) + "]" : "";

    private static string Accessors(PropertyInfo p)
    {
        var text = new StringBuilder();
        if (p.GetMethod is { } get && (get.IsPublic || get.IsFamily)) text.Append("get; ");
        if (p.SetMethod is { } set && (set.IsPublic || set.IsFamily))
            text.Append(set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? "init; " : "set; ");
        return text.ToString();
    }

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}"));

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(int)] = "int", [typeof(long)] = "long", [typeof(double)] = "double", [typeof(float)] = "float",
        [typeof(char)] = "char", [typeof(byte)] = "byte", [typeof(uint)] = "uint", [typeof(ulong)] = "ulong",
        [typeof(short)] = "short", [typeof(decimal)] = "decimal",
    };

    /// <summary>A type as C# writes it, namespaces included: <c>System.Collections.Generic.IReadOnlyList&lt;string&gt;</c>, <c>double?</c>.</summary>
    public static string Name(Type type)
    {
        if (type.IsByRef) return Name(type.GetElementType()!);
        if (Keywords.TryGetValue(type, out var keyword)) return keyword;
        if (type.IsArray) return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Name(underlying) + "?";
        if (type.IsGenericParameter) return type.Name;
        string name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : $"{type.Namespace}.{type.Name}";
        if (!type.IsGenericType) return name;
        int tick = name.IndexOf('`');
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
