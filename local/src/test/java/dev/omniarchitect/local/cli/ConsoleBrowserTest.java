package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium, against {@code omni serve}: a 6-item batch composed in the
 * form, watched to its end with its timeline, a file with its findings on their lines, the bundle downloaded,
 * the job run again (every item from the cache), the cache purged after a confirmation. Skipped where no
 * chromium and chromedriver are installed ({@code apt-get install chromium chromium-driver}).
 */
class ConsoleBrowserTest extends ServeTestBase {

    private static final Pattern ASSET_REFERENCE = Pattern.compile("(?:src|href)=\"(/console/[a-z0-9.-]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([a-z0-9.-]+)'");
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)\\b(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}[^\\s\"'`)]*");
    /** The SVG namespace names the element type; nothing is fetched from it. */
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private static ConsolePage page;
    private static WebDriver browser;
    private static Path downloads;

    @BeforeAll
    static void startBrowser() throws IOException {
        page = ConsolePage.open(temp).orElse(null);
        Assumptions.assumeTrue(page != null, ConsolePage.NO_BROWSER);
        browser = page.browser;
        downloads = page.downloads;
    }

    @AfterAll
    static void stopBrowser() {
        if (page != null) {
            page.close();
            page = null;
        }
    }

    @AfterEach
    void answerAtOnce() {
        if (provider != null) {
            provider.latency(Duration.ZERO).replies(request -> Reply.answer(LoopbackOpenAiServer.defaultAnswer(request)));
        }
        if (browser != null) {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    @Test
    void aBatchComposedInTheFormRunsIsShownDownloadedRunAgainFromTheCacheAndPurged() throws Exception {
        // The other tests of this class run on the same engine: its cache starts empty here, whatever ran before.
        assertEquals(200, postJson("/v1/cache/purge", "{}").statusCode());
        browser.get(api.resolve("/").toString());
        await("the kinds and providers to load", () -> "true".equals(find("body").getAttribute("data-ready")));
        new Select(find("#doc-provider")).selectByValue("blueprint");
        String[][] items = {
            {"api-image", "dockerfile", "{\"runtime\": \"java\", \"port\": 8080}"},
            {"api-k8s", "kubernetes", "{\"name\": \"api\", \"replicas\": 3}"},
            {"local-stack", "docker-compose", "{\"database\": \"postgres\"}"},
            {"api-ci", "github-actions", "{\"language\": \"java\"}"},
            {"api-alerts", "prometheus-rules", "{\"name\": \"api\"}"},
            {"old-review", "security-review", ""},
        };
        for (int i = 1; i < items.length; i++) {
            find("#add-item").sendKeys(Keys.ENTER);
        }
        List<WebElement> fieldsets = browser.findElements(By.cssSelector("#items .item"));
        assertEquals(items.length, fieldsets.size());
        for (int i = 0; i < items.length; i++) {
            fill(field(i, "id"), items[i][0]);
            new Select(field(i, "kind")).selectByValue(items[i][1]);
            fill(field(i, "prompt"), "a " + items[i][1] + " for the api service");
            fill(field(i, "params"), items[i][2]);
        }
        fill(field(5, "input"), "FROM python:latest\nENV AWS_SECRET_ACCESS_KEY=changeme\nCMD [\"python\"]\n");
        assertTrue(fieldsets.get(0).getText().contains("Params: runtime (java, node, python, go, static)"),
                "the kind's params are documented beside it");

        // Validation as you type, then the API's own errors beside the field they name.
        fill(field(1, "params"), "{\"name\": ");
        assertTrue(errorFor("items[1].params").contains("not valid JSON"), errorFor("items[1].params"));
        fill(field(1, "params"), "{\"name\": \"api\"}");
        assertEquals("", errorFor("items[1].params"));
        fill(field(2, "id"), "api-image");
        find("#submit").click();
        await("the duplicate id to be reported", () -> errorFor("items[2].id").contains("duplicate"));
        assertEquals("true", field(2, "id").getAttribute("aria-invalid"));
        fill(field(2, "id"), "local-stack");
        screenshot("compose");
        page.audit("the form with an error beside a field");

        find("#submit").click();
        await("the run view", () -> browser.getCurrentUrl().contains("#run/"));
        String jobId = browser.getCurrentUrl().replaceAll(".*#run/", "");
        awaitJobEnd();
        assertEquals(items.length, browser.findElements(By.cssSelector("#items-table tbody tr")).size());
        assertTrue(browser.findElements(By.cssSelector("#items-table tbody tr[data-state=queued], "
                + "#items-table tbody tr[data-state=calling]")).isEmpty(), "every item has ended");
        assertEquals(items.length, browser.findElements(By.cssSelector("#timeline svg g.bar")).size(),
                "the timeline has one bar per item");
        assertTrue(find("#summary").getText().contains("Speedup"), find("#summary").getText());
        assertTrue(find("#summary").getText().contains("0 of 6"), "nothing was cached yet: " + find("#summary").getText());
        screenshot("run");
        page.audit("a finished run with its timeline");

        // A generated file, highlighted, then the reviewed input with the findings on their lines.
        find("#items-table button[data-item='api-image'][data-path='Dockerfile']").click();
        await("the Dockerfile", () -> find("#file-title").getText().equals("api-image/Dockerfile"));
        assertFalse(browser.findElements(By.cssSelector("#file-code .tok-keyword")).isEmpty(), "FROM is highlighted");
        find("#items-table button.input-link[data-item='old-review']").click();
        await("the reviewed input", () -> find("#file-title").getText().startsWith("old-review/"));
        List<WebElement> annotated = browser.findElements(By.cssSelector("#file-code .line.annotated"));
        assertFalse(annotated.isEmpty(), "the findings annotate their lines");
        assertEquals("1", annotated.get(0).getAttribute("data-line"));
        assertTrue(find("#file-code").getText().contains("base-image-pinned"), find("#file-code").getText());
        screenshot("file");
        page.audit("a file with its findings");

        find("#bundle").click();
        Path zip = downloads.resolve(jobId + ".zip");
        await("the bundle download", () -> Files.isRegularFile(zip) && zipEntries(zip).contains("api-image/Dockerfile"));
        assertTrue(zipEntries(zip).contains("api-k8s/deployment.yaml"), zipEntries(zip).toString());

        find("#rerun").click();
        await("the second run", () -> browser.getCurrentUrl().contains("#run/")
                && !browser.getCurrentUrl().endsWith(jobId));
        awaitJobEnd();
        assertTrue(find("#summary").getText().contains("6 of 6"), "all cached: " + find("#summary").getText());
        assertEquals(items.length, browser.findElements(By.cssSelector("#items-table tbody tr[data-state=cached]")).size());

        find("#tab-history").click();
        await("both jobs in the history", () -> browser.findElements(By.cssSelector("#history-table tbody tr")).size() >= 2);
        assertTrue(find("#history-table tbody").getText().contains(jobId));
        screenshot("history");
        page.audit("the history");

        find("#tab-cache").click();
        await("the cache statistics", () -> "6".equals(find("#cache-table").getAttribute("data-entries")));
        assertTrue(find("#cache-storage").getText().contains("Oldest fresh entry"), find("#cache-storage").getText());
        assertFalse(find("#cache-storage dd").getText().equals("0 B"), "six answers take room");
        find("#purge").click();
        await("the confirmation", () -> find("#confirm-dialog").isDisplayed());
        screenshot("purge-confirmation");
        page.audit("the purge confirmation");
        find("#confirm-no").click();
        await("nothing purged", () -> find("#purge-status").getText().contains("Nothing was deleted"));
        assertEquals("6", find("#cache-table").getAttribute("data-entries"));
        find("#purge").click();
        await("the confirmation", () -> find("#confirm-dialog").isDisplayed());
        find("#confirm-yes").click();
        await("the purge", () -> find("#purge-status").getText().contains("Deleted 6 entries"));
        await("the emptied statistics", () -> "0".equals(find("#cache-table").getAttribute("data-entries")));
        page.audit("the cache");

        // Narrow (400 px): the page itself never scrolls sideways (wide tables scroll in their own box).
        browser.manage().window().setSize(new Dimension(400, 800));
        browser.get(api.resolve("/#run/" + jobId).toString());
        await("the first job again", () -> find("#run-job").getText().equals(jobId));
        awaitJobEnd();
        assertEquals(items.length, browser.findElements(By.cssSelector("#timeline svg g.bar")).size());
        page.assertNoSidewaysScrolling("the run, 400 px wide");
        screenshot("run-narrow");
        page.audit("the run, 400 px wide");
        find("#tab-compose").click();
        await("the form", () -> find("#view-compose").isDisplayed() && "true".equals(find("body").getAttribute("data-ready")));
        page.assertNoSidewaysScrolling("the form, 400 px wide");
        screenshot("compose-narrow");
        page.audit("the form, 400 px wide");
    }

    @Test
    void itemsHeldByTheirProviderShowCallingLiveWhileTheOneBehindThemShowsQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        provider.heldUntil(release);
        try {
            String items = heldItems();
            browser.get(api.resolve("/").toString());
            await("the form", () -> "true".equals(find("body").getAttribute("data-ready")));
            find("#document-box summary").click();
            fill(find("#document-text"), "{\"provider\": \"openai\", \"items\": [" + items + "]}");
            find("#document-submit").click();

            // The Map runs 3 items of a job at once: the provider holds them, the fourth waits its turn.
            await("three calling and one queued", () -> rows("calling") == 3 && rows("queued") == 1);
            await("the live status", () -> find("#run-status").getText().contains("3 calling, 1 queued"));
            assertEquals("status", find("#run-status").getAttribute("role"), "progress is announced politely");
            await("a growing bar per calling item", () -> page.findAll("#timeline svg g.bar-calling").size() == 3);
            // The rows are drawn again as the time so far grows: read within the wait, which retries a stale row.
            await("a calling row says its time so far",
                    () -> find("#items-table tbody tr[data-state=calling]").getText().contains("so far"));
            screenshot("calling");
            page.audit("a run with items calling and queued");
            release.countDown();

            awaitJobEnd();
            assertEquals(4, rows("succeeded"));
            assertEquals(4, page.findAll("#timeline svg g.bar").size());
            assertTrue(page.findAll("#timeline svg g.bar-calling").isEmpty());
        } finally {
            release.countDown();
        }
    }

    @Test
    void whileItemsRemainThePageShowsTheirPaceAndTheTimeLeftAndThenNoMore() throws Exception {
        // The first three items end after 3 s; the fourth, behind them, 3 s later: the pace shows in between.
        provider.latency(Duration.ofSeconds(3));
        browser.get(api.resolve("/").toString());
        await("the form", () -> "true".equals(find("body").getAttribute("data-ready")));
        find("#document-box summary").click();
        fill(find("#document-text"), "{\"provider\": \"openai\", \"items\": [" + heldItems() + "]}");
        find("#document-submit").click();

        await("the pace of the items that ended", () -> find("#run-pace").getText()
                .matches("[0-9.]+ item\\(s\\)/s, about \\d+ s left"));
        assertTrue(find("#run-status").getText().contains("3 of 4 item(s) ended"), find("#run-status").getText());
        assertEquals(null, find("#run-pace").getAttribute("aria-live"), "the pace is not read out at every poll");
        awaitJobEnd();
        assertEquals("", find("#run-pace").getText(), "an ended job has no time left");
    }

    @Test
    void aJobLargerThanAPageIsShownAPageAtATimeWithTheWholeJobsProgress() throws Exception {
        String run = java.util.UUID.randomUUID().toString();
        String items = java.util.stream.IntStream.range(0, 1_050)
                .mapToObj(i -> "{\"id\": \"svc-" + i + "\", \"kind\": \"dockerfile\", \"prompt\": \"" + run + " " + i
                        + "\"}")
                .collect(java.util.stream.Collectors.joining(","));
        String jobId = json(postJson("/v1/generations", "{\"provider\": \"blueprint\", \"items\": [" + items + "]}"))
                .path("jobId").asText();
        awaitEnd(jobId);

        browser.get(api.resolve("/#run/" + jobId).toString());
        await("the first page", () -> find("#run-page-text").getText().equals("Items 1–1000 of 1050"));
        assertTrue(find("#run-status").getText().contains("1050 of 1050 item(s) ended"), find("#run-status").getText());
        assertEquals(1_000, browser.findElements(By.cssSelector("#items-table tbody tr")).size());
        assertFalse(find("#page-prev").isEnabled(), "no page before the first");
        find("#page-next").click();
        await("the second page", () -> find("#run-page-text").getText().equals("Items 1001–1050 of 1050"));
        await("its rows", () -> browser.findElements(By.cssSelector("#items-table tbody tr")).size() == 50);
        assertFalse(find("#page-next").isEnabled(), "no page after the last");
        find("#page-prev").click();
        await("the first page again", () -> find("#run-page-text").getText().equals("Items 1–1000 of 1050"));

        // Run again, its document gathered from its pages: a new job of every item, from the cache.
        find("#rerun").click();
        await("the re-run", () -> !browser.getCurrentUrl().endsWith(jobId) && find("#run-status").getText()
                .contains("1050 of 1050 item(s) ended"));
        assertTrue(find("#run-status").getText().startsWith("succeeded"), find("#run-status").getText());
    }

    @Test
    void aDocumentLargerThanABodyIsSentThroughAnUploadFromTheConsole() throws Exception {
        browser.get(api.resolve("/").toString());
        await("the form", () -> "true".equals(find("body").getAttribute("data-ready")));
        // 400 items of 14,000-character prompts: 5.6 MB, more than a request body may hold.
        Object answer = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const items = Array.from({length: 400}, (_, i) => ({id: `big-${i}`, kind: 'dockerfile',
                  prompt: `${crypto.randomUUID()} ` + 'p'.repeat(14000)}));
                import('/console/api.js').then(module => module.api.submit({provider: 'blueprint', items}))
                  .then(answer => done(answer.status + ' ' + answer.body.jobId), error => done('failed: ' + error.message));
                """);
        String[] parts = String.valueOf(answer).split(" ");
        assertEquals("202", parts[0], String.valueOf(answer));
        com.fasterxml.jackson.databind.JsonNode record = awaitEnd(parts[1]);
        assertEquals(400, record.path("summary").path("succeeded").asInt(), record.path("summary").toString());
    }

    @Test
    void anItemsOwnFallbackIsComposedInTheFormCheckedByTheApiAndServesTheItemWhenItsProviderFails() throws Exception {
        provider.replies(request -> LoopbackOpenAiServer.userMessage(request).contains("provider-down")
                ? Reply.error(503, "overloaded") : Reply.answer(LoopbackOpenAiServer.defaultAnswer(request)));
        browser.get(api.resolve("/").toString());
        await("the form", () -> "true".equals(find("body").getAttribute("data-ready")));

        // A document's item fallback fills the item's field.
        find("#document-box summary").click();
        fill(find("#document-text"), "{\"items\": [{\"id\": \"loaded\", \"kind\": \"dockerfile\", "
                + "\"prompt\": \"p\", \"provider\": \"openai\", \"fallback\": [\"blueprint\"]}]}");
        find("#document-load").click();
        await("the loaded item", () -> field(0, "id").getAttribute("value").equals("loaded"));
        assertEquals("blueprint", field(0, "fallback").getAttribute("value"));

        String run = UUID.randomUUID().toString();
        fill(field(0, "id"), "rules");
        new Select(field(0, "kind")).selectByValue("prometheus-rules");
        new Select(field(0, "provider")).selectByValue("openai");
        fill(field(0, "prompt"), "provider-down rules for the api " + run);
        fill(field(0, "options"), "{\"maxAttempts\": 1, \"cache\": \"bypass\"}");
        fill(field(0, "fallback"), "skynet");
        find("#submit").click();
        await("the API's word on the fallback", () -> errorFor("items[0].fallback").contains("distinct providers"));
        assertEquals("true", field(0, "fallback").getAttribute("aria-invalid"));
        assertTrue(field(0, "fallback").getAttribute("aria-describedby").contains("error-items-0--fallback"));

        fill(field(0, "fallback"), "blueprint");
        find("#submit").click();
        await("the run view", () -> browser.getCurrentUrl().contains("#run/"));
        awaitJobEnd();
        WebElement row = find("#items-table tbody tr[data-item='rules']");
        assertEquals("succeeded", row.getAttribute("data-state"), row.getText());
        assertTrue(row.getText().contains("blueprint"), "the fallback served it: " + row.getText());
        assertEquals("2", row.findElement(By.cssSelector("td:nth-child(5)")).getText(), "openai's failure, then blueprint");
    }

    @Test
    void aBatchIsComposedAndSubmittedWithTheKeyboardAloneAndEveryControlIsReachedWithAVisibleFocus() throws Exception {
        browser.get(api.resolve("/").toString());
        await("the form", () -> "true".equals(find("body").getAttribute("data-ready")));
        find("#document-box summary").click();

        // Tab goes through every control of the page once, each with a visible focus, and comes round again.
        List<String> controls = page.script("""
                const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
                  .filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length
                    && !el.closest('[hidden], dialog:not([open])'));
                all.forEach((el, i) => { el.dataset.kbd = String(i); });
                return all.map(el => el.dataset.kbd);
                """) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        assertTrue(controls.size() > 15, controls.toString());
        Set<String> reached = new LinkedHashSet<>();
        for (int i = 0; i < controls.size() * 2 && reached.size() < controls.size(); i++) {
            page.press(Keys.TAB);
            String kbd = page.active().getAttribute("data-kbd");
            if (kbd != null) {
                reached.add(kbd);
                assertVisibleFocus();
            }
        }
        assertEquals(Set.copyOf(controls), reached, "controls Tab never reached (data-kbd indexes)");

        // The token dialog keeps the focus while open; Escape closes it and the focus is back on its button.
        browser.get(api.resolve("/").toString());
        await("the form", () -> "true".equals(find("body").getAttribute("data-ready")));
        tabTo("#token-button", 10);
        page.press(Keys.ENTER);
        await("the token dialog", () -> find("#token-dialog").isDisplayed());
        for (int i = 0; i < 6; i++) {
            assertTrue((Boolean) page.script("return document.activeElement === document.body "
                    + "|| !!document.activeElement.closest('#token-dialog');"), "focus left the open dialog");
            page.press(Keys.TAB);
        }
        page.press(Keys.ESCAPE);
        await("the dialog to close", () -> !find("#token-dialog").isDisplayed());
        assertEquals("token-button", page.active().getAttribute("id"), "the focus went back to the dialog's opener");

        // Skip link, then a two-item batch typed and submitted without a mouse.
        browser.get(api.resolve("/").toString());
        await("the form", () -> "true".equals(find("body").getAttribute("data-ready")));
        tabTo(".skip", 2);
        page.press(Keys.ENTER);
        tabAndPress("#doc-provider", 3, "blueprint");
        assertEquals("blueprint", new Select(find("#doc-provider")).getFirstSelectedOption().getAttribute("value"));
        String run = UUID.randomUUID().toString();
        tabAndPress("[data-field='items[0].kind']", 20, "dockerfile");
        tabAndPress("[data-field='items[0].prompt']", 10, "a small image for the api " + run);
        tabAndPress("#add-item", 20, Keys.ENTER);
        assertEquals("items[1].id", page.active().getAttribute("data-field"), "a new item takes the focus");
        tabAndPress("[data-field='items[1].kind']", 3, "prometheus-rules");
        tabAndPress("[data-field='items[1].prompt']", 10, "alerts for the api " + run);
        tabAndPress("#submit", 20, Keys.ENTER);
        await("the run view", () -> browser.getCurrentUrl().contains("#run/"));
        awaitJobEnd();
        assertEquals(2, rows("succeeded") + rows("invalid") + rows("cached"), find("#items-table").getText());
    }

    /** Tabs to that element (at most {@code most} presses), then presses those keys there. */
    private static void tabAndPress(String css, int most, CharSequence... keys) {
        tabTo(css, most);
        page.press(keys);
    }

    /** Presses Tab until that element has the focus, at most {@code most} times. */
    private static void tabTo(String css, int most) {
        for (int i = 0; i < most; i++) {
            if (page.active().equals(find(css))) {
                return;
            }
            page.press(Keys.TAB);
        }
        assertEquals(find(css), page.active(), "Tab did not reach " + css + " in " + most + " presses");
    }

    private static void assertVisibleFocus() {
        WebElement focused = page.active();
        String outline = String.valueOf(page.script("const style = getComputedStyle(document.activeElement);"
                + "return style.outlineStyle + ' ' + style.outlineWidth;"));
        assertTrue(!outline.startsWith("none") && !outline.endsWith(" 0px"),
                "no visible focus on " + focused.getTagName() + "#" + focused.getAttribute("id") + ": " + outline);
    }

    private static int rows(String state) {
        return page.findAll("#items-table tbody tr[data-state='" + state + "']").size();
    }

    @Test
    void thePageCarriesAStrictContentSecurityPolicyAndReferencesNothingOutsideItself() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        Set<String> assets = new LinkedHashSet<>();
        Matcher referenced = ASSET_REFERENCE.matcher(page.body());
        while (referenced.find()) {
            assets.add(referenced.group(1));
        }
        List<String> pending = new ArrayList<>(assets);
        List<HttpResponse<String>> responses = new ArrayList<>(List.of(page));
        while (!pending.isEmpty()) {
            String path = pending.remove(0);
            HttpResponse<String> asset = get(path);
            assertEquals(200, asset.statusCode(), path);
            responses.add(asset);
            Matcher imports = MODULE_IMPORT.matcher(asset.body());
            while (imports.find()) {
                if (assets.add("/console/" + imports.group(1))) {
                    pending.add("/console/" + imports.group(1));
                }
            }
        }
        assertTrue(assets.containsAll(Set.of("/console/app.js", "/console/style.css", "/console/run.js")), assets.toString());
        for (HttpResponse<String> response : responses) {
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.startsWith("default-src 'self'"), response.uri() + ": " + policy);
            assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval") || policy.contains("*"), policy);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
            Matcher url = ABSOLUTE_URL.matcher(response.body());
            while (url.find()) {
                assertEquals(SVG_NAMESPACE, url.group(), response.uri() + " references " + url.group());
            }
            assertFalse(response.body().contains("<script>") || response.body().contains(" style=\""),
                    response.uri() + " has inline script or style");
        }
        assertEquals(404, get("/console/../template.yaml").statusCode());
        assertEquals(404, get("/console/missing.js").statusCode());
    }

    private static void awaitJobEnd() {
        await("the job to end", () -> Set.of("SUCCEEDED", "PARTIAL", "FAILED")
                .contains(String.valueOf(find("#run-status").getAttribute("data-status"))) && find("#summary").isDisplayed());
    }

    private static WebElement field(int index, String name) {
        return find("[data-field='items[" + index + "]." + name + "']");
    }

    private static String errorFor(String field) {
        return find("[data-error-for='" + field + "']").getText();
    }

    private static void fill(WebElement control, String text) {
        page.fill(control, text);
    }

    private static WebElement find(String css) {
        return page.find(css);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        page.await(what, condition);
    }

    private static void screenshot(String name) throws IOException {
        page.screenshot(name);
    }

    private static List<String> zipEntries(Path zip) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        } catch (IOException e) {
            return List.of();
        }
        return names;
    }
}
