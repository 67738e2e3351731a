namespace GradScript.Cli;

using System.Buffers;
using System.Text;
using System.Text.Unicode;
using GradScript.Diagnostics;

/// <summary>
/// Reads a script's text from a file or standard input. Scripts are UTF-8; a leading byte-order
/// mark is allowed and dropped.
/// <para>
/// Invalid UTF-8 is a syntax error (exit 65), not a silent U+FFFD: a file in another encoding would
/// otherwise run with its strings quietly mangled. The error has a place, the line and column of
/// the first bad byte, like any syntax error (only a reader that is not a stream, as in tests,
/// cannot be placed: it reports 1:1 if its decoder throws).
/// </para>
/// </summary>
internal static class SourceLoader
{
    /// <summary>The message of a script file that is not valid UTF-8.</summary>
    public const string FileNotUtf8 = "file is not valid UTF-8";

    /// <summary>The message of standard input that is not valid UTF-8.</summary>
    public const string InputNotUtf8 = "input is not valid UTF-8";

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads a script file.</summary>
    /// <param name="path">Where the file is.</param>
    /// <param name="name">The name errors in the script are reported under.</param>
    /// <exception cref="SourceUnavailableException">The file cannot be opened or read.</exception>
    /// <exception cref="ScriptSyntaxException">The file is not valid UTF-8.</exception>
    public static string ReadFile(string path, string name)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SourceUnavailableException($"cannot open '{path}': {Reason(path, e)}", e);
        }
        return Decode(bytes, name);
    }

    /// <summary>Reads a whole script from standard input.</summary>
    /// <exception cref="SourceUnavailableException">Standard input cannot be read.</exception>
    /// <exception cref="ScriptSyntaxException">The input is not valid UTF-8 (with a strict reader).</exception>
    public static string ReadStdin(TextReader reader, string name)
    {
        try
        {
            // The process's stdin is read as bytes, so that invalid UTF-8 is placed as in a file.
            if (reader is StreamReader { BaseStream: { CanRead: true } stream })
            {
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                return Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), name, InputNotUtf8);
            }
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            var source = new SourceText(name, "");
            throw new ScriptSyntaxException([new ScriptDiagnostic(InputNotUtf8, new SourceSpan(source, 1, 1, 1, 1))]);
        }
        catch (IOException e)
        {
            throw new SourceUnavailableException($"cannot read '{name}': {e.Message}", e);
        }
    }

    /// <summary>Decodes UTF-8 strictly; the error for a bad byte points at it.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string name, string message = FileNotUtf8)
    {
        if (bytes.StartsWith(ByteOrderMark)) bytes = bytes[ByteOrderMark.Length..];
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out int bytesRead, out int charsWritten, replaceInvalidSequences: false);
        if (status == OperationStatus.Done) return new string(chars, 0, charsWritten);

        // Show the line with the bad byte as U+FFFD, and place the caret on it.
        var source = new SourceText(name, Encoding.UTF8.GetString(bytes));
        var (line, column) = Position(new string(chars, 0, charsWritten));
        var span = new SourceSpan(source, line, column, line, column + 1);
        throw new ScriptSyntaxException([new ScriptDiagnostic(message, span)]);
    }

    /// <summary>The 1-based line and column just after <paramref name="prefix"/>, counted as <see cref="SourceText"/> counts.</summary>
    private static (int Line, int Column) Position(string prefix)
    {
        int line = 1, column = 1;
        for (int i = 0; i < prefix.Length; i++)
        {
            char c = prefix[i];
            if (c == '\r' && i + 1 < prefix.Length && prefix[i + 1] == '\n') continue;
            if (c is '\n' or '\r' or '\u2028' or '\u2029') { line++; column = 1; }
            else if (!char.IsLowSurrogate(c)) column++;
        }
        return (line, column);
    }

    /// <summary>Why a file could not be opened, read or written, in the wording of the C library's strerror, which users of command-line tools know.</summary>
    internal static string Reason(string path, Exception e) => e switch
    {
        // An empty path or one with a NUL names no file either.
        FileNotFoundException or DirectoryNotFoundException or ArgumentException => "No such file or directory",
        UnauthorizedAccessException when Directory.Exists(path) => "Is a directory",
        UnauthorizedAccessException => "Permission denied",
        IOException when Directory.Exists(path) => "Is a directory",
        _ => e.Message,
    };
}

/// <summary>A script's file or stream could not be read: exit status 66.</summary>
internal sealed class SourceUnavailableException(string message, Exception inner) : Exception(message, inner);
