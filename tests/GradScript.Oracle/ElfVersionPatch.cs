using System.Buffers.Binary;
using System.Text;

namespace GradScript.Oracle;

/// <summary>
/// Makes one version requirement of an ELF shared library weak, so that the dynamic loader accepts
/// the library where that version is missing. TorchSharp 0.107's <c>libLibTorchSharp.so</c> asks
/// libstdc++ for <c>GLIBCXX_3.4.32</c> (GCC 13), which Debian 12's libstdc++ (GCC 12) lacks; the one
/// symbol bound to that version is <c>std::ios_base_library_init</c>, a link-time marker that is
/// never called. A weak requirement (<c>VER_FLG_WEAK</c> in the <c>vna_flags</c> of its entry in
/// <c>.gnu.version_r</c>) lets the library load where the version is absent, and changes nothing
/// where it is present. The patch is applied to the copy in the test's output folder, never to the
/// package cache, and is idempotent.
/// </summary>
internal static class ElfVersionPatch
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>Marks <paramref name="version"/> weak in <paramref name="path"/>; true if the file changed.</summary>
    public static bool MakeWeak(string path, string version)
    {
        byte[] elf = File.ReadAllBytes(path);
        var span = elf.AsSpan();
        // ELF64, little-endian: the only layout libtorch is shipped in for linux-x64.
        if (!span[..4].SequenceEqual("\u007fELF"u8) || span[4] != 2 || span[5] != 1)
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");
        long sectionHeaders = (long)U64(span, 0x28);
        int entrySize = U16(span, 0x3a), count = U16(span, 0x3c);
        bool changed = false;
        for (int i = 0; i < count; i++)
        {
            var header = span.Slice((int)(sectionHeaders + (long)i * entrySize), entrySize);
            if (U32(header, 4) != ShtGnuVerneed) continue;
            int offset = (int)U64(header, 0x18);
            var strings = span.Slice((int)(sectionHeaders + (long)U32(header, 0x28) * entrySize), entrySize);
            int stringTable = (int)U64(strings, 0x18);
            changed |= PatchVerneed(span, offset, stringTable, version);
        }
        if (changed) File.WriteAllBytes(path, elf);
        return changed;
    }

    // Walks the Verneed list (one entry per needed library) and each entry's Vernaux list (one per version).
    private static bool PatchVerneed(Span<byte> elf, int offset, int stringTable, string version)
    {
        bool changed = false;
        while (true)
        {
            int auxCount = U16(elf, offset + 2);
            int aux = offset + (int)U32(elf, offset + 8);
            for (int j = 0; j < auxCount; j++)
            {
                string name = CString(elf, stringTable + (int)U32(elf, aux + 8));
                ushort flags = U16(elf, aux + 4);
                if (name == version && (flags & VerFlagWeak) == 0)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(elf[(aux + 4)..], (ushort)(flags | VerFlagWeak));
                    changed = true;
                }
                uint nextAux = U32(elf, aux + 12);
                if (nextAux == 0) break;
                aux += (int)nextAux;
            }
            uint next = U32(elf, offset + 12);
            if (next == 0) return changed;
            offset += (int)next;
        }
    }

    private static ushort U16(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);
    private static uint U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);
    private static ulong U64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);

    private static string CString(ReadOnlySpan<byte> s, int at) => Encoding.ASCII.GetString(s[at..][..s[at..].IndexOf((byte)0)]);
}
