using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Paperboy.Digests;
using Paperboy.Mail;
using Paperboy.Web;

namespace Paperboy.BrowserTests;

/// <summary>The HTML digest as a mail client about 700 pixels wide shows it, kept as a screenshot.</summary>
public sealed class DigestScreenshotTests
{
    private const string Origin = "https://papers.example.org";

    [Fact]
    public async Task TheHtmlDigest_ShowsItsHeadlineAndLinkedPapers_InANarrowWindow()
    {
        var browser = await Chromium.GetAsync();
        var composer = new DigestComposer(new MailOptions { From = "digest@papers.example.org", FromName = "Paperboy", PublicUrl = Origin },
            new SiteOptions { Name = "Paperboy" }, new FakeTimeProvider(new DateTimeOffset(2025, 11, 27, 11, 0, 0, TimeSpan.Zero)));
        var recipient = new DigestRecipient("ada@example.org", true, ["cs.CL"], [], ["Yoshua Bengio"], false,
            Origin + "/digest/manage/token", Origin + "/digest/unsubscribe/token", "digest.1.daily-2025-11-26@papers.example.org");
        var message = composer.Compose(recipient, Content());
        var file = Path.Combine(Directory.CreateTempSubdirectory("paperboy-digest-").FullName, "digest.html");
        await File.WriteAllTextAsync(file, message.HtmlBody, TestContext.Current.CancellationToken);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 700, Height = 900 } });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(file).AbsoluteUri);

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your digest for Wed 26 Nov" })).ToBeVisibleAsync();
            var top = page.GetByRole(AriaRole.Link, new() { Name = "Sparse mixture-of-experts language models that route by uncertainty" });
            await Assertions.Expect(top.First).ToBeVisibleAsync();
            Assert.Equal(Origin + "/papers/2511.19874", await top.First.GetAttributeAsync("href"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New from Yoshua Bengio" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Unsubscribe" })).ToBeVisibleAsync();
            // The column fits the window: nothing to scroll sideways for.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

            Directory.CreateDirectory(Screenshots.Folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots.Folder, "digest.png"), FullPage = true });
        }
        finally
        {
            await context.CloseAsync();
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private static DigestContent Content()
    {
        DigestPaper Paper(string id, string title, List<string> authors, string excerpt, int upvotes) =>
            new(id, title, authors, excerpt, upvotes, $"{Origin}/papers/{id}");
        var moe = Paper("2511.19874", "Sparse mixture-of-experts language models that route by uncertainty",
            ["Mei Lin", "Tomás Okafor", "Priya Raman", "Jonas Weber", "Sara Haddad", "Kenji Sato"],
            "We train sparse mixture-of-experts language models whose router sends a token to more experts when the model is unsure of it. At the same compute, uncertainty routing improves perplexity on code and mathematics and halves the load imbalance between experts…", 184);
        var video = Paper("2511.20112", "Long video understanding with a memory of keyframes",
            ["Lucía Fernández", "Wei Zhang", "Amara Nwosu"],
            "Video-language models forget what happened minutes ago. We keep a small memory of keyframes chosen by novelty and let the model query it, which answers questions about hour-long videos as well as models that see every frame…", 97);
        var proofs = Paper("2511.19650", "Teaching small models to check their own proofs",
            ["Hugo Martin", "Anna Kowalska"],
            "A 1.5B-parameter model learns to verify its proofs step by step in Lean and to backtrack from a failing step; verified accuracy on competition problems rises from 21% to 38%…", 61);
        var tokenizer = Paper("2511.20033", "Tokenizer-free translation for low-resource languages",
            ["Kwame Mensah", "Ines Duarte", "Rahul Mehta"],
            "Byte-level translation models trained on 40 low-resource languages match subword baselines on FLORES and need no vocabulary per language, so a new language costs only data…", 23);
        var energy = Paper("2511.19901", "Energy-based world models for planning under uncertainty",
            ["Yoshua Bengio", "Claire Dubois", "Mateo Rossi"],
            "We learn an energy over future latent states and plan by descending it, which keeps several futures alive where a deterministic world model commits to one…", 12);
        return new DigestContent(DigestPeriod.Daily(new DateOnly(2025, 11, 26)), [moe, video, proofs],
        [
            new DigestAlert(DigestAlertKinds.Category, "cs.CL", [tokenizer, moe]),
            new DigestAlert(DigestAlertKinds.Author, "Yoshua Bengio", [energy]),
        ]);
    }
}
