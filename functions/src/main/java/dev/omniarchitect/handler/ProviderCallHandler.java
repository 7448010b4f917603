package dev.omniarchitect.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.job.ItemError;
import dev.omniarchitect.job.ItemGenerator;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * ProviderCallFunction: one item of a job, {@code {"jobId", "itemId"}} in (and {@code "notAfter"}, an
 * ISO-8601 instant, when a sync call runs it within its budget), a small {@link ItemOutcome} out. It never
 * throws for the item's own failures, so the Map's Catch only sees Lambda failures.
 */
public final class ProviderCallHandler implements RequestStreamHandler {

    private final FunctionServices services;
    private final ItemGenerator generator;
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
        this.services = services;
        this.generator = services.itemGenerator();
        this.priming = FunctionPriming.providerCall(services);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = services.mapper().readTree(input);
        String jobId = event == null ? null : event.path("jobId").textValue();
        String itemId = event == null ? null : event.path("itemId").textValue();
        Instant notAfter = notAfter(event);
        ItemOutcome outcome = jobId == null || itemId == null
                ? ItemOutcome.unstored(itemId, 0,
                        new ItemError(ErrorCode.INVALID_INPUT, "the event must have string fields jobId and itemId"))
                : generator.generate(jobId, itemId, notAfter).join();
        services.mapper().writeValue(output, outcome);
    }

    /** A sync call's deadline; none (the item's own deadline holds) when absent or unreadable. */
    private static Instant notAfter(JsonNode event) {
        String text = event == null ? null : event.path("notAfter").textValue();
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
