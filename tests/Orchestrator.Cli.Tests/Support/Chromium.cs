using Microsoft.Playwright;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A real, headless Chromium driven by Playwright: Debian's <c>chromium</c> package (./test.sh installs it when it is
/// missing), launched through Playwright's executable-path option, since Playwright's own browser download is not
/// reachable from every machine. A missing browser is a failure that says how to get one, never a skip.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    /// <summary>Where screenshots go: $ORCHESTRATOR_SCREENSHOTS, else screenshots/ beside the test binaries.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("ORCHESTRATOR_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_CHROMIUM") is { Length: > 0 } given ? given
        : Candidates.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("no Chromium: run ./test.sh, which installs Debian's chromium package, or set ORCHESTRATOR_TEST_CHROMIUM to a Chromium executable");

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh browser context (its own cookies) with a page of a size that screenshots well.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
