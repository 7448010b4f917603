package dev.omniarchitect.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * Where one item of a job stands, for every item of the job, in document order: so a reader can tell an
 * item waiting for its turn from one whose provider is answering, which the ended items alone cannot show.
 *
 * @param id         the item id
 * @param state      queued, calling, cached, succeeded, invalid or failed
 * @param startedAt  when the item started; null while queued
 */
public record ItemState(String id, Phase state, @JsonInclude(JsonInclude.Include.NON_NULL) Instant startedAt) {

    /** The states an item goes through: queued, then calling, then how it ended (a cache hit never calls). */
    public enum Phase {
        /** Not started: waiting for its turn among the job's items in flight. */
        QUEUED,
        /** Its provider call has begun (waiting for the provider's shared limit included), no result yet. */
        CALLING,
        /** Ended with an answer from the cache. */
        CACHED,
        SUCCEEDED,
        INVALID,
        FAILED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The state of an item that ended with that result. */
    public static ItemState of(ItemResult result) {
        Phase phase = result.cached() && result.status() != ItemStatus.FAILED ? Phase.CACHED
                : switch (result.status()) {
                    case SUCCEEDED -> Phase.SUCCEEDED;
                    case INVALID -> Phase.INVALID;
                    case FAILED -> Phase.FAILED;
                };
        return new ItemState(result.id(), phase, result.startedAt());
    }
}
