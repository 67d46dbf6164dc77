// This one file is compiled twice: into Orchestrator.Learning (so tests can call the patcher directly) and,
// by MSBuild's RoslynCodeTaskFactory, into the inline build task that patches the build output. The task
// class needs Microsoft.Build.Utilities, which the library does not reference, hence the #if.
#nullable enable
using System;
using System.IO;
using System.Text;

namespace Orchestrator.Learning.Native;

/// <summary>What <see cref="ElfVersionNeeds.MarkWeak"/> did to a shared library.</summary>
public enum VersionNeedPatch
{
    /// <summary>The version need was strong and is now weak.</summary>
    Patched,

    /// <summary>The version need was already weak; the file was not touched.</summary>
    AlreadyWeak,

    /// <summary>The library does not need that version at all; the file was not touched.</summary>
    NotNeeded,
}

/// <summary>
/// Marks one symbol-version need of an ELF64 little-endian shared library as weak (<c>VER_FLG_WEAK</c>
/// in its <c>.gnu.version_r</c> entry). glibc refuses to load a library whose strong version need the
/// system lacks, but only warns for a weak one. TorchSharp 0.107's <c>libLibTorchSharp.so</c> needs
/// <c>GLIBCXX_3.4.32</c> for a single symbol it never calls, and Debian 12's libstdc++ stops at 3.4.30.
/// </summary>
/// <remarks>Written against netstandard2.0 with no dependencies, because the build task compiles it too.</remarks>
public static class ElfVersionNeeds
{
    private const uint SectionTypeVersionNeed = 0x6ffffffe; // SHT_GNU_verneed
    private const ushort WeakFlag = 0x2; // VER_FLG_WEAK

    /// <summary>Marks the need for <paramref name="version"/> weak, in place, keeping the file's timestamp.</summary>
    /// <remarks>
    /// The timestamp is kept so that MSBuild's incremental copy (same size and time = unchanged) does not
    /// copy the unpatched original over the patched file on every build.
    /// </remarks>
    /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian file or its tables are damaged.</exception>
    public static VersionNeedPatch MarkWeak(string path, string version)
    {
        var bytes = File.ReadAllBytes(path);
        var flagsOffset = FindVersionNeedFlags(bytes, version, path);
        if (flagsOffset < 0)
        {
            return VersionNeedPatch.NotNeeded;
        }

        var flags = ReadUInt16(bytes, flagsOffset);
        if ((flags & WeakFlag) != 0)
        {
            return VersionNeedPatch.AlreadyWeak;
        }

        var lastWrite = File.GetLastWriteTimeUtc(path);
        var patched = (ushort)(flags | WeakFlag);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read))
        {
            stream.Position = flagsOffset;
            stream.WriteByte((byte)(patched & 0xff));
            stream.WriteByte((byte)(patched >> 8));
        }

        File.SetLastWriteTimeUtc(path, lastWrite);
        return VersionNeedPatch.Patched;
    }

    /// <summary>Whether the library needs <paramref name="version"/> and that need is weak; null when it is not needed.</summary>
    public static bool? IsWeak(string path, string version)
    {
        var bytes = File.ReadAllBytes(path);
        var flagsOffset = FindVersionNeedFlags(bytes, version, path);
        return flagsOffset < 0 ? null : (ReadUInt16(bytes, flagsOffset) & WeakFlag) != 0;
    }

    /// <summary>The file offset of the <c>vna_flags</c> field of the Vernaux entry naming <paramref name="version"/>, or -1.</summary>
    private static long FindVersionNeedFlags(byte[] elf, string version, string path)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException($"{path} is not an ELF file.");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file.");
        }

        var sectionTable = (long)ReadUInt64(elf, 0x28);
        var sectionSize = ReadUInt16(elf, 0x3a);
        var sectionCount = ReadUInt16(elf, 0x3c);
        if (sectionSize < 64 || sectionTable <= 0 || sectionTable + ((long)sectionSize * sectionCount) > elf.Length)
        {
            throw new InvalidDataException($"{path} has a damaged ELF section header table.");
        }

        for (var index = 0; index < sectionCount; index++)
        {
            var header = sectionTable + ((long)index * sectionSize);
            if (ReadUInt32(elf, header + 4) != SectionTypeVersionNeed)
            {
                continue;
            }

            // sh_link names the string table (.dynstr) that vn_file and vna_name point into;
            // sh_info is the number of Verneed entries.
            var needs = (long)ReadUInt64(elf, header + 24);
            var needsSize = (long)ReadUInt64(elf, header + 32);
            var stringsSection = ReadUInt32(elf, header + 40);
            var needCount = ReadUInt32(elf, header + 44);
            if (stringsSection >= sectionCount || needs + needsSize > elf.Length)
            {
                throw new InvalidDataException($"{path} has a damaged .gnu.version_r section.");
            }

            var strings = (long)ReadUInt64(elf, sectionTable + ((long)stringsSection * sectionSize) + 24);
            var need = needs;
            for (var n = 0; n < needCount; n++)
            {
                var auxCount = ReadUInt16(elf, need + 2);
                var aux = need + ReadUInt32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(elf, strings + ReadUInt32(elf, aux + 8));
                    if (name == version)
                    {
                        return aux + 4;
                    }

                    aux += ReadUInt32(elf, aux + 12);
                }

                var next = ReadUInt32(elf, need + 12);
                if (next == 0)
                {
                    break;
                }

                need += next;
            }
        }

        return -1;
    }

    private static ushort ReadUInt16(byte[] bytes, long offset) =>
        (ushort)(bytes[offset] | (bytes[offset + 1] << 8));

    private static uint ReadUInt32(byte[] bytes, long offset) =>
        ReadUInt16(bytes, offset) | ((uint)ReadUInt16(bytes, offset + 2) << 16);

    private static ulong ReadUInt64(byte[] bytes, long offset) =>
        ReadUInt32(bytes, offset) | ((ulong)ReadUInt32(bytes, offset + 4) << 32);

    private static string ReadString(byte[] bytes, long offset)
    {
        var end = offset;
        while (end < bytes.Length && bytes[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(bytes, (int)offset, (int)(end - offset));
    }
}

#if !ORCHESTRATOR_LEARNING
/// <summary>MSBuild task: marks a version need of a shared library weak and says so when it does.</summary>
public sealed class MarkVersionNeedWeak : Microsoft.Build.Utilities.Task
{
    /// <summary>The shared library to patch in place.</summary>
    [Microsoft.Build.Framework.Required]
    public string File { get; set; } = "";

    /// <summary>The version need to mark weak, e.g. GLIBCXX_3.4.32.</summary>
    [Microsoft.Build.Framework.Required]
    public string Version { get; set; } = "";

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            switch (ElfVersionNeeds.MarkWeak(File, Version))
            {
                case VersionNeedPatch.Patched:
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        $"Orchestrator: marked the {Version} version need weak in {File} (so it loads on Debian 12's older libstdc++).");
                    break;
                case VersionNeedPatch.AlreadyWeak:
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"Orchestrator: {Version} is already weak in {File}.");
                    break;
                default:
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"Orchestrator: {File} does not need {Version}; nothing to patch.");
                    break;
            }

            return true;
        }
        catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
        {
            Log.LogError($"Orchestrator: could not mark {Version} weak in {File}: {e.Message}");
            return false;
        }
    }
}
#endif
