package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromedriver): finding, waiting, typing,
 * keys sent to whatever has the focus, screenshots, and an accessibility audit with axe-core, whose script
 * the test injects into the page (it is not part of the console).
 */
final class ConsolePage implements AutoCloseable {

    /** What the audit fails on; axe's "moderate" and "minor" findings are reported by the audit's caller alone. */
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    private static final String AXE_RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(result => done(JSON.stringify(result.violations.map(violation => ({
                id: violation.id, impact: violation.impact, help: violation.help,
                nodes: violation.nodes.map(node => node.target.join(' ')) })))))
              .catch(error => done(JSON.stringify({ error: String(error) })));
            """;

    final WebDriver browser;
    final Path downloads;
    private final Path screenshots;
    private String axe;

    private ConsolePage(WebDriver browser, Path downloads, Path screenshots) {
        this.browser = browser;
        this.downloads = downloads;
        this.screenshots = screenshots;
    }

    /** A fresh browser (its own profile under {@code temp}) at 1280x800; empty where chromium is not installed. */
    static Optional<ConsolePage> open(Path temp) throws IOException {
        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            return Optional.empty();
        }
        Path downloads = Files.createDirectories(temp.resolve("downloads"));
        Path screenshots = Files.createDirectories(Path.of("target", "console-screenshots"));
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
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return Optional.of(new ConsolePage(browser, downloads, screenshots));
    }

    /** Why the console's browser tests skip where they do. */
    static final String NO_BROWSER = "the console's browser tests need chromium and chromedriver on the PATH "
            + "(Debian: apt-get install chromium chromium-driver); skipped";

    WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** The element that has the focus. */
    WebElement active() {
        return browser.switchTo().activeElement();
    }

    /** Keys as a keyboard sends them, to whatever has the focus. */
    void press(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    void await(String what, BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage("waiting for " + what)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(driver -> condition.getAsBoolean());
    }

    void fill(WebElement control, String text) {
        control.clear();
        control.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            control.sendKeys(text);
        }
    }

    void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve("console-" + name + ".png"), png);
    }

    /** Fails when the page sideways-scrolls as a whole (wide tables scroll in their own box). */
    void assertNoSidewaysScrolling(String screen) {
        Object overflow = script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(((Number) overflow).intValue() <= 1, screen + ": horizontal overflow of " + overflow + " px");
    }

    /**
     * Runs axe-core on the page as it is now (the WCAG 2 A and AA rules and axe's best practices) and fails on
     * every serious or critical violation, naming the rule and the elements.
     */
    void audit(String screen) throws IOException {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
            script(axeSource());
        }
        String answer = String.valueOf(((JavascriptExecutor) browser).executeAsyncScript(AXE_RUN));
        JsonNode violations = Json.mapper().readTree(answer);
        if (violations.has("error")) {
            fail("axe-core could not audit " + screen + ": " + violations.path("error").asText());
        }
        List<String> failing = new ArrayList<>();
        for (JsonNode violation : violations) {
            if (FAILING_IMPACTS.contains(violation.path("impact").asText())) {
                failing.add(violation.path("impact").asText() + " " + violation.path("id").asText() + " ("
                        + violation.path("help").asText() + ") at " + violation.path("nodes"));
            }
        }
        assertEquals(List.of(), failing, "accessibility violations on " + screen);
    }

    private String axeSource() {
        if (axe == null) {
            try (InputStream in = ConsolePage.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    fail("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
                }
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axe;
    }

    @Override
    public void close() {
        browser.quit();
    }

    private static Optional<Path> executable(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(names)
                .flatMap(name -> Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
