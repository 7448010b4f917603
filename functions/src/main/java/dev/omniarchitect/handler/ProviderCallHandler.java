package dev.omniarchitect.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.job.ItemError;
import dev.omniarchitect.job.ItemGenerator;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.limit.ProviderBusyException;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * ProviderCallFunction: one item of a job, {@code {"jobId", "itemId"}} in (and {@code "notAfter"}, an
 * ISO-8601 instant, when a sync call runs it within its budget; {@code "firstStartedAt"}, when the Map first
 * ran it), a small {@link ItemOutcome} out. It never throws for the item's own failures, so the Map's Catch
 * only sees Lambda failures, with one exception: run by the Map, an item whose provider-wide lease is not had
 * within {@link #LEASE_PATIENCE} fails with {@link ProviderBusyException} before any call, and the Map's
 * Retry waits for it, not a Lambda instance. Its deadline counts from {@code firstStartedAt} across those
 * retries.
 */
public final class ProviderCallHandler implements RequestStreamHandler {

    /**
     * The longest an item run by the Map waits here for its first lease before it goes back to the state
     * machine. Waits shorter than this are the common case at a busy provider (a lease frees up within about
     * one call's time) and cost less waited here than another invocation; longer ones (a paused provider, other
     * jobs ahead) cost nothing in the state machine. The same locally, where the engine runs the same Retry.
     */
    public static final Duration LEASE_PATIENCE = Duration.ofSeconds(5);

    private final FunctionServices services;
    private final ItemGenerator generator;
    private final Duration leasePatience;
    /** Held here: org.crac keeps its hooks only weakly. */
    private final Priming priming;

    /**
     * Lambda's constructor: everything is built here, at init, for SnapStart to snapshot, and the
     * function's priming is registered to run before the snapshot.
     */
    public ProviderCallHandler() {
        this(FunctionServices.fromEnvironment());
        priming.register();
    }

    public ProviderCallHandler(FunctionServices services) {
        this(services, LEASE_PATIENCE);
    }

    /** A handler that waits that long for an item's first lease (tests shorten it). */
    public ProviderCallHandler(FunctionServices services, Duration leasePatience) {
        this.services = services;
        this.leasePatience = leasePatience;
        this.generator = services.itemGenerator();
        this.priming = FunctionPriming.providerCall(services);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = services.mapper().readTree(input);
        String jobId = event == null ? null : event.path("jobId").textValue();
        String itemId = event == null ? null : event.path("itemId").textValue();
        Instant notAfter = instant(event, "notAfter");
        // A sync call waits for its answer anyway: only the Map's items go back to the state machine.
        Optional<Duration> patience = notAfter == null ? Optional.of(leasePatience) : Optional.empty();
        ItemOutcome outcome;
        try {
            outcome = jobId == null || itemId == null
                    ? ItemOutcome.unstored(itemId, 0,
                            new ItemError(ErrorCode.INVALID_INPUT, "the event must have string fields jobId and itemId"))
                    : generator.generate(jobId, itemId, notAfter, instant(event, "firstStartedAt"), patience).join();
        } catch (CompletionException e) {
            // Lambda names the error by the class thrown: the Retry must see ProviderBusyException itself.
            if (e.getCause() instanceof ProviderBusyException busy) {
                throw busy;
            }
            throw e;
        }
        services.mapper().writeValue(output, outcome);
    }

    /** An ISO-8601 instant of the event (a sync call's deadline, the first start); null when absent or unreadable. */
    private static Instant instant(JsonNode event, String field) {
        String text = event == null ? null : event.path(field).textValue();
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
