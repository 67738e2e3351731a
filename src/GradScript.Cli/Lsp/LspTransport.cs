namespace GradScript.Cli.Lsp;

using System.Globalization;
using System.Text;

/// <summary>
/// The base protocol of LSP over a pair of streams: each message is a <c>Content-Length: N</c>
/// header (other headers are ignored), a blank line, and N bytes of UTF-8 JSON. Framing is all this
/// does; what the bytes mean is <see cref="LspServer"/>'s. Framing is read by hand, not with a
/// JSON-RPC library: it is twenty lines, and owning it is what lets a bad message be answered and
/// passed over rather than end the connection.
/// </summary>
internal sealed class LspTransport(Stream input, Stream output)
{
    /// <summary>The largest message taken: a script of 64 MiB is already far past anything an editor sends.</summary>
    public const int MaxContentLength = 64 << 20;

    private const int MaxHeaderLine = 1024;

    /// <summary>
    /// The next message's body, or null at the end of the input: the client closed the stream, or
    /// sent something that cannot be framed (no or a bad <c>Content-Length</c>, a body cut short),
    /// after which nothing more can be read safely.
    /// </summary>
    public byte[]? Read()
    {
        int? length = null;
        while (true)
        {
            string? line = ReadHeaderLine();
            if (line is null) return null;
            if (line.Length == 0) break;
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n > MaxContentLength) return null;
                length = n;
            }
        }
        if (length is not { } size) return null;
        var body = new byte[size];
        int read = 0;
        while (read < size)
        {
            int n = input.Read(body, read, size - read);
            if (n == 0) return null;
            read += n;
        }
        return body;
    }

    /// <summary>Sends one message.</summary>
    public void Write(string json)
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        byte[] header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (output)
        {
            output.Write(header);
            output.Write(body);
            output.Flush();
        }
    }

    // A header line without its \r\n; null at the end of input or past a sane length.
    private string? ReadHeaderLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            int b = input.ReadByte();
            if (b < 0 || line.Length > MaxHeaderLine) return null;
            if (b == '\n') return line.ToString().TrimEnd('\r');
            line.Append((char)b);
        }
    }
}
