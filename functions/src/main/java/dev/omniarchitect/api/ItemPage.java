package dev.omniarchitect.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.JobReader;
import dev.omniarchitect.job.JobRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a job's items ({@code GET /v1/generations/{jobId}?limit=N&cursor=C}): the states of N items in
 * document order from the cursor on, and the results of those that have ended, with the cursor of the next page.
 * A request that names no page gets the whole record of a job of up to {@link #MAX_LIMIT} items, and the first
 * page of a larger one, so no response ever holds a 10,000-item job.
 * The cursor is opaque to callers (it names where the page starts) and is only ever taken from a {@code next}.
 */
record ItemPage(int from, int limit) {

    /** Items per page when a request names a cursor but no limit. */
    static final int DEFAULT_LIMIT = 100;
    /** The most items one page holds, and so one record. */
    static final int MAX_LIMIT = JobReader.MAX_PAGE_ITEMS;
    /** What a request that names no page gets: the whole record, or the first page of a job larger than a page. */
    static final ItemPage FIRST = new ItemPage(0, MAX_LIMIT);
    private static final String CURSOR_PREFIX = "item:";

    /** The page a request asks for; empty when it asks for none (the whole record). */
    static Optional<ItemPage> of(Map<String, String> query) throws InvalidQuery {
        String cursor = query.get("cursor");
        if (!query.containsKey("limit") && cursor == null) {
            return Optional.empty();
        }
        int limit = InvalidQuery.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        return Optional.of(new ItemPage(cursor == null ? 0 : from(cursor), limit));
    }

    private static int from(String cursor) throws InvalidQuery {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX) && decoded.substring(CURSOR_PREFIX.length()).matches("[0-9]{1,9}")) {
                return Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException notBase64) {
            // Refused below, as any other cursor this API did not hand out.
        }
        throw new InvalidQuery("cursor", "cursor must be one this API handed out", "is not a cursor of this API: "
                + "take it from the previous page's next");
    }

    /** The cursor of the page that starts at that item. */
    static String cursorAt(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + index)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the record (read for this page) holds only some of the job's items. */
    boolean partOf(JobRecord record) {
        return record.itemStates().size() < record.progress().total();
    }

    /** What a page adds to the record: where it starts, its size and, unless it is the last, the next one's link. */
    void describe(ObjectNode body, JobRecord record) {
        describe(body, "/v1/generations/" + record.jobId(), record.progress().total());
    }

    /** What a page of {@code total} items served at {@code path} adds to its body. */
    void describe(ObjectNode body, String path, int total) {
        ObjectNode page = body.putObject("page").put("from", Math.min(from, total))
                .put("limit", limit).put("total", total);
        if (from + limit < total) {
            page.put("next", path + "?limit=" + limit + "&cursor=" + cursorAt(from + limit));
        }
    }
}
