using System.Diagnostics;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A small file system of its own (a tmpfs of a few MB) mounted on a fresh folder, so a test can fill it or make it
/// read-only without touching the machine's disks. Mounting needs root, which CI and ./test.sh have; without it the
/// test fails saying so, rather than passing without having tested anything. Unmounted when disposed.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly TempFolder _folder = new();

    public SmallDisk(int megabytes)
    {
        Path = _folder.File("disk");
        Directory.CreateDirectory(Path);
        var (exit, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Path);
        if (exit != 0)
            throw new InvalidOperationException(
                $"cannot mount a {megabytes} MB tmpfs at {Path} (mount exited {exit}: {error.Trim()}): this test needs root ({Environment.UserName} is running it) to make a disk it can fill. Run it as root, as CI and ./test.sh do.");
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file until the disk has no space left; returns its path (delete it to give the space back).</summary>
    public string Fill()
    {
        var filler = File("filler");
        var block = new byte[64 * 1024];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // Full. Now the last partial blocks, so not even a page is left over.
            for (var size = block.Length / 2; size >= 512; size /= 2)
            {
                try
                {
                    while (true) stream.Write(block, 0, size);
                }
                catch (IOException)
                {
                }
            }
        }
        return filler;
    }

    /// <summary>Mounts the disk's contents again, read-only, at another folder (a read-only bind mount); returns that folder.</summary>
    public string ReadOnlyView()
    {
        var view = _folder.File("read-only");
        Directory.CreateDirectory(view);
        Check(Run("mount", "--bind", "-o", "ro", Path, view), "bind it read-only");
        _views.Add(view);
        // Older mount(8) ignore ro on the first bind; a remount of the bind makes it stick everywhere.
        Check(Run("mount", "-o", "remount,ro,bind", view), "remount the bind read-only");
        return view;
    }

    private readonly List<string> _views = [];

    public void Dispose()
    {
        foreach (var view in _views) Run("umount", "-l", view);
        Run("umount", "-l", Path);
        _folder.Dispose();
    }

    private static void Check((int Exit, string Error) result, string what)
    {
        if (result.Exit != 0) throw new InvalidOperationException($"cannot {what} (exit {result.Exit}: {result.Error.Trim()})");
    }

    private static (int Exit, string Error) Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{command} not found: {e.Message}");
        }
    }
}
