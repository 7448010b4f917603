package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment settings the bench measures with, read from template.yaml so the figures follow the
 * template: each function's MemorySize (its own, else the Globals one) and the JVM options of
 * JAVA_TOOL_OPTIONS. Only plain {@code key: value} mappings are read, which is all these settings use;
 * CloudFormation's short tags elsewhere in the file are no obstacle.
 */
public final class TemplateSettings {

    /** The functions of template.yaml with the handler class each runs. */
    public static final Map<String, String> HANDLERS = Map.of(
            "ApiFunction", "dev.omniarchitect.handler.ApiHandler",
            "ProviderCallFunction", "dev.omniarchitect.handler.ProviderCallHandler",
            "AggregateFunction", "dev.omniarchitect.handler.AggregateHandler");
    /** The order the report lists them in: the order a job meets them. */
    public static final List<String> FUNCTIONS = List.of("ApiFunction", "ProviderCallFunction", "AggregateFunction");

    private static final Pattern ENTRY = Pattern.compile("^( *)([A-Za-z0-9_]+):\\s*(.*?)\\s*$");

    private final Map<String, String> values;

    private TemplateSettings(Map<String, String> values) {
        this.values = values;
    }

    /** Reads the template. */
    public static TemplateSettings read(Path template) {
        try {
            return parse(Files.readAllLines(template, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SAM template " + template, e);
        }
    }

    static TemplateSettings parse(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        Deque<Integer> indents = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        for (String line : lines) {
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches() || line.strip().startsWith("#")) {
                continue;
            }
            int indent = entry.group(1).length();
            while (!indents.isEmpty() && indents.peek() >= indent) {
                indents.pop();
                keys.pop();
            }
            indents.push(indent);
            keys.push(entry.group(2));
            if (!entry.group(3).isEmpty()) {
                List<String> path = new ArrayList<>(keys);
                Collections.reverse(path);
                values.put(String.join(".", path), entry.group(3).replaceAll("^['\"]|['\"]$", ""));
            }
        }
        return new TemplateSettings(values);
    }

    /** The function's MemorySize in MB. */
    public int memorySizeMb(String function) {
        String own = values.get("Resources." + function + ".Properties.MemorySize");
        String value = own != null ? own : values.get("Globals.Function.MemorySize");
        if (value == null) {
            throw new IllegalStateException("template.yaml gives " + function + " no MemorySize");
        }
        return Integer.parseInt(value);
    }

    /** The JVM options the functions run with (JAVA_TOOL_OPTIONS, the function's own or the Globals one). */
    public List<String> javaToolOptions(String function) {
        String own = values.get("Resources." + function + ".Properties.Environment.Variables.JAVA_TOOL_OPTIONS");
        String value = own != null ? own : values.get("Globals.Function.Environment.Variables.JAVA_TOOL_OPTIONS");
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }

    /** The functions' architecture as the template states it, e.g. {@code [arm64]}. */
    public String architecture() {
        return values.getOrDefault("Globals.Function.Architectures", "[x86_64]");
    }
}
