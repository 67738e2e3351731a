namespace GradScript.Cli.Kernel;

using System.Security.Cryptography;

/// <summary>
/// Signs and checks messages as the Jupyter protocol asks: the HMAC-SHA256 of the header, parent
/// header, metadata and content frames, exactly as they travel, written as lowercase hex. With an
/// empty key (a client that turned signing off) the signature is empty and every message passes.
/// </summary>
/// <param name="key">The connection file's key.</param>
internal sealed class MessageSigner(byte[] key)
{
    /// <summary>Whether messages are signed at all.</summary>
    public bool Enabled => key.Length > 0;

    /// <summary>The signature of the four signed frames.</summary>
    public string Sign(IReadOnlyList<byte[]> frames)
    {
        if (!Enabled) return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        foreach (var frame in frames) hmac.AppendData(frame);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="signature"/> is the right one for the frames; compared in constant time, so timing tells nothing of the key.</summary>
    public bool Verify(string signature, IReadOnlyList<byte[]> frames)
    {
        if (!Enabled) return true;
        var expected = System.Text.Encoding.ASCII.GetBytes(Sign(frames));
        var given = System.Text.Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
