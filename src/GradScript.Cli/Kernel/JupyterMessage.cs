namespace GradScript.Cli.Kernel;

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>
/// One message of the Jupyter messaging protocol (version <see cref="ProtocolVersion"/>): the routing
/// identities a ROUTER socket puts in front, then header, parent header, metadata and content, each
/// a JSON object. <see cref="Encode"/> and <see cref="Decode"/> give and take the frames on the wire:
/// <code>
/// identities… | &lt;IDS|MSG&gt; | signature | header | parent_header | metadata | content | buffers…
/// </code>
/// </summary>
/// <param name="Identities">Where a reply goes back to (a ROUTER's peer), or the topic of an iopub message.</param>
/// <param name="Header">msg_id, session, username, date, msg_type, version.</param>
/// <param name="ParentHeader">The header of the request this answers; empty when it answers none.</param>
/// <param name="Metadata">Free-form; empty here.</param>
/// <param name="Content">What the message says; its shape depends on the type.</param>
internal sealed record JupyterMessage(IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Metadata, JsonObject Content)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The frame between the identities and the signature.</summary>
    public static readonly byte[] Delimiter = Encoding.ASCII.GetBytes("<IDS|MSG>");

    /// <summary>The message's type (<c>execute_request</c>), or "" when the header has none.</summary>
    public string Type => Header["msg_type"] is JsonValue v && v.TryGetValue(out string? type) ? type : "";

    /// <summary>A string in the content, or <paramref name="fallback"/> when it is missing or not a string.</summary>
    public string Text(string name, string fallback = "") =>
        Content[name] is JsonValue v && v.TryGetValue(out string? text) ? text : fallback;

    /// <summary>An integer in the content, or <paramref name="fallback"/>.</summary>
    public int Integer(string name, int fallback = 0) =>
        Content[name] is JsonValue v && v.TryGetValue(out int number) ? number : fallback;

    /// <summary>A boolean in the content, or <paramref name="fallback"/>.</summary>
    public bool Flag(string name, bool fallback) =>
        Content[name] is JsonValue v && v.TryGetValue(out bool flag) ? flag : fallback;

    /// <summary>A new message of <paramref name="type"/> answering <paramref name="parent"/> (none for a message that answers nothing).</summary>
    public static JupyterMessage Create(string session, string type, JsonObject content, JupyterMessage? parent, IReadOnlyList<byte[]> identities)
    {
        var header = new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString("N"),
            ["session"] = session,
            ["username"] = "gradscript",
            ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["msg_type"] = type,
            ["version"] = ProtocolVersion,
        };
        var parentHeader = parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone();
        return new JupyterMessage(identities, header, parentHeader, new JsonObject(), content);
    }

    /// <summary>The frames of the message, signed.</summary>
    public List<byte[]> Encode(MessageSigner signer)
    {
        byte[][] signed = [Json(Header), Json(ParentHeader), Json(Metadata), Json(Content)];
        var frames = new List<byte[]>(Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(signed)));
        frames.AddRange(signed);
        return frames;
    }

    /// <summary>Reads the frames of a message and checks its signature against the frames as they came.</summary>
    public static DecodeResult Decode(IReadOnlyList<byte[]> frames, MessageSigner signer)
    {
        int delimiter = -1;
        for (int i = 0; i < frames.Count && delimiter < 0; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) delimiter = i;
        }
        if (delimiter < 0 || frames.Count < delimiter + 6)
            return new DecodeResult.Malformed($"{frames.Count} frames without the <IDS|MSG> delimiter and the five after it");
        var identities = frames.Take(delimiter).ToList();
        var signed = frames.Skip(delimiter + 2).Take(4).ToList();
        if (!signer.Verify(Encoding.ASCII.GetString(frames[delimiter + 1]), signed)) return new DecodeResult.BadSignature();
        try
        {
            var parts = signed.Select(frame => JsonNode.Parse(frame) as JsonObject).ToList();
            if (parts.Any(p => p is null)) return new DecodeResult.Malformed("a header, metadata or content frame is not a JSON object");
            return new DecodeResult.Decoded(new JupyterMessage(identities, parts[0]!, parts[1]!, parts[2]!, parts[3]!));
        }
        catch (JsonException e)
        {
            return new DecodeResult.Malformed($"invalid JSON: {e.Message}");
        }
    }

    private static byte[] Json(JsonObject node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}

/// <summary>What <see cref="JupyterMessage.Decode"/> made of a message's frames.</summary>
internal abstract record DecodeResult
{
    /// <summary>A well-formed, correctly signed message.</summary>
    public sealed record Decoded(JupyterMessage Message) : DecodeResult;

    /// <summary>The signature does not match: the message is dropped unread.</summary>
    public sealed record BadSignature : DecodeResult;

    /// <summary>Signed correctly (or not signed) but not a message: <paramref name="Problem"/> says why.</summary>
    public sealed record Malformed(string Problem) : DecodeResult;
}
