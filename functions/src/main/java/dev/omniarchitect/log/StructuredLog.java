package dev.omniarchitect.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON object per line: time, level, event name and the fields given (jobId, itemId, ...).
 * Callers pass ids, codes and numbers only; never a key, a prompt or an answer body.
 */
public final class StructuredLog {

    private static final List<String> IDS = List.of("jobId", "itemId");

    private final PrintStream out;
    private final ObjectMapper mapper;
    private final Clock clock;

    public StructuredLog(PrintStream out, ObjectMapper mapper, Clock clock) {
        this.out = out;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Logs an event at INFO. */
    public void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields);
    }

    /** Logs an event at WARN. */
    public void warn(String event, Map<String, ?> fields) {
        write("WARN", event, fields);
    }

    /** Logs an event at ERROR. */
    public void error(String event, Map<String, ?> fields) {
        write("ERROR", event, fields);
    }

    private void write(String level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("level", level);
        line.put("event", event);
        // Ids first, the rest by name: lines of one kind read alike whatever map the caller built.
        for (String id : IDS) {
            if (fields.containsKey(id)) {
                line.put(id, fields.get(id));
            }
        }
        new TreeMap<String, Object>(fields).forEach(line::putIfAbsent);
        String text;
        try {
            text = mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"level\":\"ERROR\",\"event\":\"log.unserialisable\",\"for\":\"" + event + "\"}";
        }
        synchronized (out) {
            out.println(text);
        }
    }
}
