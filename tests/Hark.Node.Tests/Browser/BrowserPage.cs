using System.Collections.Concurrent;
using Hark.Testing;
using PuppeteerSharp;

namespace Hark.Node.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, with one page that collects every console error and uncaught exception (the tests
/// assert there are none), knows the node's API key before any script runs, and saves screenshots as test artifacts
/// under .test-results/screenshots.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    /// <summary>How long a page may take to show what a test waits for: generous, the machine may be busy.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly IBrowser _browser;
    private readonly ConcurrentQueue<string> _errors = new();

    private BrowserPage(IBrowser browser, IPage page)
    {
        _browser = browser;
        Page = page;
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                _errors.Enqueue($"console: {e.Message.Text} ({e.Message.Location?.URL})");
            }
        };
        page.PageError += (_, e) => _errors.Enqueue($"page error: {e.Message}");
    }

    public IPage Page { get; }

    public IReadOnlyCollection<string> Errors => _errors;

    public static string ScreenshotFolder { get; } = Path.Combine(RepoPaths.Root, ".test-results", "screenshots");

    /// <param name="apiKey">Put where the pages keep the key (sessionStorage) before they load, so none asks for it.</param>
    public static async Task<BrowserPage> OpenAsync(string? apiKey = null)
    {
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            // Chromium runs as root only without its sandbox; autoplay needs no gesture; muted, no sound device is needed.
            Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        });
        try
        {
            var page = await browser.NewPageAsync();
            await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
            if (apiKey is not null)
            {
                await page.EvaluateExpressionOnNewDocumentAsync($"sessionStorage.setItem('hark-api-key', '{apiKey}')");
            }
            return new BrowserPage(browser, page);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Until <paramref name="predicate"/> (a JS expression) is true in the page; a timeout names what was awaited.</summary>
    public async Task WaitForAsync(string predicate, TimeSpan? timeout = null)
    {
        try
        {
            await Page.WaitForExpressionAsync(predicate, new WaitForFunctionOptions
            {
                Timeout = (int)(timeout ?? Patience).TotalMilliseconds,
                PollingInterval = 100,
            });
        }
        catch (WaitTaskTimeoutException e)
        {
            throw new TimeoutException($"the page never satisfied {predicate}; errors: {string.Join(" | ", _errors)}", e);
        }
    }

    /// <summary>Fails naming every console error and page error the page logged.</summary>
    public void AssertNoErrors() => Assert.True(_errors.IsEmpty, $"the page logged: {string.Join(" | ", _errors)}");

    public Task<T> EvaluateAsync<T>(string expression) => Page.EvaluateExpressionAsync<T>(expression);

    /// <summary>Saves the page as .test-results/screenshots/<paramref name="name"/>.png and returns the path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        await Page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        await _browser.DisposeAsync();
    }
}
