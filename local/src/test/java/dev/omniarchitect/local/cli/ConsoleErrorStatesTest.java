package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.local.engine.EngineProcess;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;

/**
 * The console's own error states, in words, against {@code omni serve} as its own process: started with
 * {@code OMNI_API_TOKEN} (the page asks for the token, says so when it is wrong, then works), with
 * {@code OMNI_MAX_EXECUTIONS=1} and a provider that holds its answers (a second job is refused with 429 and
 * Retry-After: the page says it will send it again, and does), then killed (the page says it cannot reach it).
 */
class ConsoleErrorStatesTest {

    private static final String TOKEN = "console-token-" + UUID.randomUUID();
    /** A status code alone, or a library's name for a failure, is not a message for a user. */
    private static final Pattern NOT_WORDS = Pattern.compile("\\b(401|403|429|503)\\b|Failed to fetch|TypeError|Exception");

    @TempDir
    static Path temp;

    private static ConsolePage page;
    private static LoopbackOpenAiServer provider;
    /** Holds the provider's answers while closed; each part of the test closes a new one. */
    private static CountDownLatch gate = new CountDownLatch(0);

    @BeforeAll
    static void startBrowser() throws Exception {
        page = ConsolePage.open(temp).orElse(null);
        Assumptions.assumeTrue(page != null, ConsolePage.NO_BROWSER);
        provider = LoopbackOpenAiServer.start();
    }

    @AfterAll
    static void stop() {
        gate.countDown();
        if (page != null) {
            page.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void aTokenIsAskedForARefusedOneSaidSoAFullEngineWaitedOutAndAStoppedOneReportedInWords() throws Exception {
        try (EngineProcess engine = EngineProcess.start(Map.of(
                "OMNI_DATA_DIR", temp.resolve("data").toString(),
                "OMNI_DEFAULT_PROVIDER", "openai",
                "OPENAI_BASE_URL", provider.baseUrl(),
                "OPENAI_API_KEY", "sk-loopback-secret-key-123456",
                "OMNI_API_TOKEN", TOKEN,
                "OMNI_MAX_EXECUTIONS", "1"), temp.resolve("work"))) {
            URI api = engine.api();

            // 401: the page asks for a token, says so in words when the one entered is refused, then works.
            page.browser.get(api.resolve("/").toString());
            page.await("the token dialog", () -> page.find("#token-dialog").isDisplayed());
            assertWords(page.text("#token-why"), "needs a token");
            assertEquals("token-input", page.active().getAttribute("id"), "the dialog opens on its field");
            page.screenshot("token");
            page.audit("the token dialog");
            page.press("not-the-token", Keys.ENTER);
            page.await("the refusal", () -> page.find("#token-dialog").isDisplayed()
                    && page.text("#token-why").contains("did not accept the token"));
            assertWords(page.text("#token-why"), "did not accept the token");
            page.fill(page.active(), TOKEN);
            page.press(Keys.ENTER);
            page.await("the form", () -> "true".equals(page.find("body").getAttribute("data-ready")));
            assertFalse(page.find("#token-dialog").isDisplayed());
            assertFalse(page.find("#notice").isDisplayed(), page.text("#notice"));

            // 429 with Retry-After: one execution at a time, held by the provider; the second job waits its turn.
            hold();
            submitDocument("held");
            String first = awaitRunOtherThan(null);
            page.await("the first job calling", () -> page.text("#run-status").contains("1 calling"));
            submitDocument("second");
            page.await("the page to say it will send the batch again", () -> page.find("#notice").isDisplayed()
                    && page.text("#notice").contains("sends the batch again in"));
            String busy = page.text("#notice");
            assertWords(busy, "running as many jobs as it allows");
            assertTrue(busy.matches(".*again in [0-9]+ seconds?\\..*"), busy);
            page.screenshot("busy");
            page.audit("the page waiting out a 429");
            gate.countDown();
            String second = awaitRunOtherThan(first);
            awaitJobEnd();
            assertEquals(1, page.findAll("#items-table tbody tr[data-state='succeeded']").size());
            assertFalse(page.find("#notice").isDisplayed(), "the wait is over: " + page.text("#notice"));

            // The engine gone while a job is watched: the page says it cannot reach it, and keeps trying.
            hold();
            submitDocument("orphaned");
            awaitRunOtherThan(second);
            page.await("the third job calling", () -> page.text("#run-status").contains("1 calling"));
            engine.kill();
            page.await("the page to notice", () -> page.find("#notice").isDisplayed());
            String gone = page.text("#notice");
            assertWords(gone, "cannot reach the API");
            assertTrue(gone.contains("still running") && gone.contains(api.getAuthority()), gone);
            page.screenshot("api-down");
            page.audit("the page with the engine gone");
        } finally {
            gate.countDown();
        }
    }

    /** From now, the provider holds its answers until {@link #gate} opens. */
    private static void hold() {
        gate = new CountDownLatch(1);
        provider.heldUntil(gate);
    }

    /** Pastes a one-item batch into the document box and submits it. */
    private static void submitDocument(String name) {
        page.find("#tab-compose").click();
        page.await("the form", () -> page.find("#view-compose").isDisplayed());
        if (page.find("#document-box").getAttribute("open") == null) {
            page.find("#document-box summary").click();
        }
        page.fill(page.find("#document-text"), "{\"items\": [{\"id\": \"" + name + "\", \"kind\": \"prometheus-rules\", "
                + "\"prompt\": \"" + name + " " + UUID.randomUUID() + "\"}]}");
        page.find("#document-submit").click();
    }

    /** Waits for the run view of a job other than {@code previous} (null for none); its job id. */
    private static String awaitRunOtherThan(String previous) {
        page.await("the run view of a new job", () -> page.browser.getCurrentUrl().contains("#run/")
                && !page.browser.getCurrentUrl().endsWith("#run/" + previous));
        return page.browser.getCurrentUrl().replaceAll(".*#run/", "");
    }

    private static void awaitJobEnd() {
        page.await("the job to end", () -> Set.of("SUCCEEDED", "PARTIAL", "FAILED")
                .contains(String.valueOf(page.find("#run-status").getAttribute("data-status"))));
    }

    private static void assertWords(String message, String expected) {
        assertTrue(message.contains(expected), message);
        assertFalse(NOT_WORDS.matcher(message).find(), "a status code or library wording: " + message);
    }
}
