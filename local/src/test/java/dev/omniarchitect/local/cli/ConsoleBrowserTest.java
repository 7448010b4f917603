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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
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

    private static WebDriver browser;
    private static Path downloads;
    private static Path screenshots;

    @BeforeAll
    static void startBrowser() throws IOException {
        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("chromedriver");
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(),
                "the console's browser tests need chromium and chromedriver on the PATH "
                        + "(Debian: apt-get install chromium chromium-driver); skipped");
        downloads = Files.createDirectories(temp.resolve("downloads"));
        screenshots = Files.createDirectories(Path.of("target", "console-screenshots"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--user-data-dir=" + temp.resolve("chromium-profile"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void aBatchComposedInTheFormRunsIsShownDownloadedRunAgainFromTheCacheAndPurged() throws Exception {
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

        find("#submit").click();
        await("the run view", () -> browser.getCurrentUrl().contains("#run/"));
        String jobId = browser.getCurrentUrl().replaceAll(".*#run/", "");
        awaitJobEnd();
        assertEquals(items.length, browser.findElements(By.cssSelector("#items-table tbody tr")).size());
        assertTrue(browser.findElements(By.cssSelector("#items-table tbody tr[data-state=waiting]")).isEmpty());
        assertEquals(items.length, browser.findElements(By.cssSelector("#timeline svg g.bar")).size(),
                "the timeline has one bar per item");
        assertTrue(find("#summary").getText().contains("Speedup"), find("#summary").getText());
        assertTrue(find("#summary").getText().contains("0 of 6"), "nothing was cached yet: " + find("#summary").getText());
        screenshot("run");

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

        find("#tab-cache").click();
        await("the cache statistics", () -> "6".equals(find("#cache-table").getAttribute("data-entries")));
        assertTrue(find("#cache-storage").getText().contains("Oldest fresh entry"), find("#cache-storage").getText());
        assertFalse(find("#cache-storage dd").getText().equals("0 B"), "six answers take room");
        find("#purge").click();
        await("the confirmation", () -> find("#confirm-dialog").isDisplayed());
        screenshot("purge-confirmation");
        find("#confirm-no").click();
        await("nothing purged", () -> find("#purge-status").getText().contains("Nothing was deleted"));
        assertEquals("6", find("#cache-table").getAttribute("data-entries"));
        find("#purge").click();
        await("the confirmation", () -> find("#confirm-dialog").isDisplayed());
        find("#confirm-yes").click();
        await("the purge", () -> find("#purge-status").getText().contains("Deleted 6 entries"));
        await("the emptied statistics", () -> "0".equals(find("#cache-table").getAttribute("data-entries")));

        // Narrow: the page itself never scrolls sideways (wide tables scroll in their own box).
        browser.manage().window().setSize(new Dimension(420, 800));
        browser.get(api.resolve("/#run/" + jobId).toString());
        await("the first job again", () -> find("#run-job").getText().equals(jobId));
        awaitJobEnd();
        assertEquals(items.length, browser.findElements(By.cssSelector("#timeline svg g.bar")).size());
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(((Number) overflow).intValue() <= 1, "horizontal overflow of " + overflow + " px");
        screenshot("run-narrow");
        browser.manage().window().setSize(new Dimension(1280, 800));
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
        control.clear();
        control.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            control.sendKeys(text);
        }
    }

    private static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage("waiting for " + what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve("console-" + name + ".png"), png);
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

    private static Optional<Path> executable(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(names)
                .flatMap(name -> Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
