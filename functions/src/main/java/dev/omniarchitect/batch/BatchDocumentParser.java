package dev.omniarchitect.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a batch document, reporting every problem at once (not just the first),
 * each naming its field and what is allowed, before any provider is called.
 */
public final class BatchDocumentParser {

    private static final List<String> DOCUMENT_FIELDS =
            List.of("provider", "model", "fallback", "options", "mode", "clientToken", "items");
    private static final List<String> ITEM_FIELDS =
            List.of("id", "kind", "prompt", "params", "input", "provider", "model", "fallback", "options");
    private static final List<String> OPTION_FIELDS =
            List.of("temperature", "maxTokens", "timeoutSeconds", "cache", "cacheTtlSeconds", "maxAttempts", "repair");

    private final ObjectMapper mapper;
    private final KindRegistry kinds;
    private final BatchDefaults defaults;

    public BatchDocumentParser(ObjectMapper mapper, KindRegistry kinds, BatchDefaults defaults) {
        this.mapper = mapper;
        this.kinds = kinds;
        this.defaults = defaults;
    }

    /** The document with every item's settings resolved; throws {@link InvalidBatchException} listing every problem. */
    public BatchDocument parse(String json, BatchOverrides overrides) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidBatchException(List.of(Violation.malformedJson(e)));
        }
        return parse(root, overrides);
    }

    /** A document written in that format. */
    public BatchDocument parse(String text, DocumentFormat format, BatchOverrides overrides) {
        return format == DocumentFormat.JSON_LINES ? parseLines(text, overrides) : parse(text, overrides);
    }

    /**
     * A document written as JSON Lines (see {@link BatchLines}); its problems name the lines they are on.
     */
    public BatchDocument parseLines(String text, BatchOverrides overrides) {
        BatchLines lines = BatchLines.read(text, mapper);
        try {
            return parse(lines.document(), overrides);
        } catch (InvalidBatchException e) {
            throw new InvalidBatchException(lines.onLines(e.violations()));
        }
    }

    /** As {@link #parse(String, BatchOverrides)}, for a document already read as JSON. */
    public BatchDocument parse(JsonNode root, BatchOverrides overrides) {
        List<Violation> violations = new ArrayList<>();
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidBatchException(List.of(new Violation("$",
                    "the document must be a JSON object with an \"items\" array")));
        }
        if (overrides.provider() != null && !defaults.defaultModels().containsKey(overrides.provider())) {
            violations.add(new Violation("--provider", "unknown provider \"" + overrides.provider()
                    + "\"; known providers: " + String.join(", ", defaults.providerNames())));
        }
        rejectUnknownFields(root, "", DOCUMENT_FIELDS, violations);
        String documentProvider = provider(root, "", violations);
        String documentModel = model(root, "", violations);
        List<String> documentFallback = fallback(root, "", violations);
        OptionValues documentOptions = options(root, "", violations);
        RunMode mode = mode(root, violations);
        String clientToken = clientToken(root, violations);

        JsonNode items = root.get("items");
        List<BatchItem> parsed = new ArrayList<>();
        if (items == null || !items.isArray()) {
            violations.add(new Violation("items", "required: an array of 1 to " + BatchLimits.MAX_ITEMS + " items"));
        } else if (items.isEmpty() || items.size() > BatchLimits.MAX_ITEMS) {
            violations.add(new Violation("items", "must hold 1 to " + BatchLimits.MAX_ITEMS
                    + " items, got " + items.size()));
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                BatchItem item = item(items.get(i), "items[" + i + "]", ids,
                        new Inherited(documentProvider, documentModel, documentFallback, documentOptions),
                        overrides, violations);
                if (item != null) {
                    parsed.add(item);
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidBatchException(violations);
        }
        return new BatchDocument(parsed, mode, clientToken);
    }

    private BatchItem item(JsonNode node, String path, Set<String> ids, Inherited document, BatchOverrides overrides,
                           List<Violation> violations) {
        if (!node.isObject()) {
            violations.add(new Violation(path, "each item must be an object with id, kind and prompt"));
            return null;
        }
        int before = violations.size();
        rejectUnknownFields(node, path + ".", ITEM_FIELDS, violations);

        String id = requiredText(node, path + ".id", "id", violations);
        if (id != null) {
            if (!BatchLimits.ITEM_ID.matcher(id).matches()) {
                violations.add(new Violation(path + ".id", "\"" + shorten(id) + "\" is not a valid id: use 1 to 64 "
                        + "lower-case letters, digits and hyphens, starting with a letter or digit"));
            } else if (!ids.add(id)) {
                violations.add(new Violation(path + ".id", "duplicate id \"" + id + "\": ids must be unique in a batch"));
            }
        }
        String kind = requiredText(node, path + ".kind", "kind", violations);
        if (kind != null && kinds.find(kind).isEmpty()) {
            violations.add(new Violation(path + ".kind", "unknown kind \"" + shorten(kind) + "\"; known kinds: "
                    + String.join(", ", kinds.names())));
        }
        String prompt = requiredText(node, path + ".prompt", "prompt", violations);
        if (prompt != null && (prompt.isBlank() || prompt.length() > BatchLimits.MAX_PROMPT_CHARS)) {
            violations.add(new Violation(path + ".prompt", "must be 1 to " + BatchLimits.MAX_PROMPT_CHARS
                    + " characters and not blank, got " + prompt.length() + " characters"));
        }
        JsonNode params = params(node, path, violations);
        String input = input(node, path, kind, violations);
        String itemProvider = provider(node, path + ".", violations);
        String itemModel = model(node, path + ".", violations);
        List<String> itemFallback = fallback(node, path + ".", violations);
        OptionValues itemOptions = options(node, path + ".", violations);
        if (violations.size() > before) {
            return null;
        }

        String documentProvider = document.provider();
        String documentModel = document.model();
        String provider = firstNonNull(overrides.provider(), itemProvider, documentProvider, defaults.provider());
        String model;
        if (overrides.provider() != null) {
            model = defaults.defaultModels().get(provider);
        } else if (itemModel != null) {
            model = itemModel;
        } else if (documentModel != null && (itemProvider == null || itemProvider.equals(documentProvider))) {
            model = documentModel;
        } else {
            model = defaults.defaultModels().get(provider);
        }
        OptionValues resolved = itemOptions.over(document.options());
        // A forced provider stands alone: falling back elsewhere would defeat --provider.
        List<String> fallback = overrides.provider() != null ? List.of()
                : firstNonNull(itemFallback, document.fallback(), List.<String>of()).stream()
                .filter(name -> !name.equals(provider)).toList();
        CacheMode cache = firstNonNull(overrides.cache(), resolved.cache(), CacheMode.USE);
        ItemSettings settings = new ItemSettings(provider, model,
                firstNonNull(resolved.temperature(), BatchLimits.DEFAULT_TEMPERATURE),
                firstNonNull(resolved.maxTokens(), BatchLimits.DEFAULT_MAX_TOKENS),
                firstNonNull(resolved.timeoutSeconds(), BatchLimits.DEFAULT_TIMEOUT_SECONDS),
                cache,
                firstNonNull(resolved.cacheTtlSeconds(), defaults.cacheTtlSeconds()),
                firstNonNull(resolved.maxAttempts(), BatchLimits.DEFAULT_MAX_ATTEMPTS),
                fallback,
                firstNonNull(resolved.repair(), Boolean.TRUE));
        return new BatchItem(id, kind, prompt, params, settings, input);
    }

    private String input(JsonNode node, String path, String kind, List<Violation> violations) {
        JsonNode value = node.get("input");
        boolean takesInput = kind != null && kinds.find(kind).map(Kind::takesInput).orElse(false);
        if (value == null || value.isNull()) {
            if (takesInput) {
                violations.add(new Violation(path + ".input", "required for kind " + kind
                        + ": the text of the Dockerfile, manifest, Terraform file or workflow to review"));
            }
            return null;
        }
        if (!takesInput) {
            violations.add(new Violation(path + ".input", "only items of kind "
                    + String.join(", ", kinds.namesTakingInput()) + " take an input file"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > BatchLimits.MAX_INPUT_CHARS) {
            violations.add(new Violation(path + ".input", "must be the file's text, 1 to " + BatchLimits.MAX_INPUT_CHARS
                    + " characters, got " + (value.isTextual() ? value.asText().length() + " characters" : shown(value))));
            return null;
        }
        return value.asText();
    }

    private JsonNode params(JsonNode node, String path, List<Violation> violations) {
        JsonNode params = node.get("params");
        if (params == null || params.isNull()) {
            return mapper.createObjectNode();
        }
        if (!params.isObject()) {
            violations.add(new Violation(path + ".params", "must be a JSON object"));
            return null;
        }
        int size = params.toString().length();
        if (size > BatchLimits.MAX_PARAMS_JSON_CHARS) {
            violations.add(new Violation(path + ".params", "must be at most " + BatchLimits.MAX_PARAMS_JSON_CHARS
                    + " characters of JSON, got " + size));
            return null;
        }
        return ((ObjectNode) params).deepCopy();
    }

    private String provider(JsonNode node, String prefix, List<Violation> violations) {
        JsonNode value = node.get("provider");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !defaults.defaultModels().containsKey(value.asText())) {
            violations.add(new Violation(prefix + "provider", "unknown provider " + shown(value)
                    + "; known providers: " + String.join(", ", defaults.providerNames())));
            return null;
        }
        return value.asText();
    }

    private List<String> fallback(JsonNode node, String prefix, List<Violation> violations) {
        JsonNode value = node.get("fallback");
        if (value == null || value.isNull()) {
            return null;
        }
        String allowed = "a list of up to " + BatchLimits.MAX_FALLBACKS + " distinct providers from "
                + String.join(", ", defaults.providerNames());
        if (!value.isArray() || value.size() > BatchLimits.MAX_FALLBACKS) {
            violations.add(new Violation(prefix + "fallback", "must be " + allowed + ", got " + shown(value)));
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode name = value.get(i);
            if (!name.isTextual() || !defaults.defaultModels().containsKey(name.asText())
                    || names.contains(name.asText())) {
                violations.add(new Violation(prefix + "fallback[" + i + "]", "must be " + allowed + ", got "
                        + shown(name)));
                return null;
            }
            names.add(name.asText());
        }
        return List.copyOf(names);
    }

    private static RunMode mode(JsonNode root, List<Violation> violations) {
        JsonNode value = root.get("mode");
        if (value == null || value.isNull()) {
            return RunMode.ASYNC;
        }
        RunMode mode = value.isTextual() ? RunMode.fromWireName(value.asText()).orElse(null) : null;
        if (mode == null) {
            violations.add(new Violation("mode", "must be async or sync, got " + shown(value)));
            return RunMode.ASYNC;
        }
        return mode;
    }

    private static String clientToken(JsonNode root, List<Violation> violations) {
        JsonNode value = root.get("clientToken");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !BatchLimits.CLIENT_TOKEN.matcher(value.asText()).matches()) {
            violations.add(new Violation("clientToken", "must be 1 to 128 letters, digits and ._:- characters, got "
                    + shown(value)));
            return null;
        }
        return value.asText();
    }

    private static String model(JsonNode node, String prefix, List<Violation> violations) {
        JsonNode value = node.get("model");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !BatchLimits.MODEL_ID.matcher(value.asText()).matches()) {
            violations.add(new Violation(prefix + "model", "must be a model id of 1 to 200 letters, digits and "
                    + "._:/@+- characters, got " + shown(value)));
            return null;
        }
        return value.asText();
    }

    private static OptionValues options(JsonNode node, String prefix, List<Violation> violations) {
        JsonNode options = node.get("options");
        if (options == null || options.isNull()) {
            return OptionValues.NONE;
        }
        String path = prefix + "options";
        if (!options.isObject()) {
            violations.add(new Violation(path, "must be an object with any of " + String.join(", ", OPTION_FIELDS)));
            return OptionValues.NONE;
        }
        rejectUnknownFields(options, path + ".", OPTION_FIELDS, violations);
        Double temperature = number(options, path + ".temperature", "temperature",
                BatchLimits.MIN_TEMPERATURE, BatchLimits.MAX_TEMPERATURE, violations);
        Long maxTokens = integer(options, path + ".maxTokens", "maxTokens", 1, BatchLimits.MAX_TOKENS, violations);
        Long timeout = integer(options, path + ".timeoutSeconds", "timeoutSeconds", 1,
                BatchLimits.MAX_TIMEOUT_SECONDS, violations);
        Long ttl = integer(options, path + ".cacheTtlSeconds", "cacheTtlSeconds", BatchLimits.MIN_CACHE_TTL_SECONDS,
                BatchLimits.MAX_CACHE_TTL_SECONDS, violations);
        Long maxAttempts = integer(options, path + ".maxAttempts", "maxAttempts", 1, BatchLimits.MAX_ATTEMPTS,
                violations);
        Boolean repair = null;
        JsonNode repairValue = options.get("repair");
        if (repairValue != null && !repairValue.isNull()) {
            if (repairValue.isBoolean()) {
                repair = repairValue.asBoolean();
            } else {
                violations.add(new Violation(path + ".repair", "must be true or false, got " + shown(repairValue)));
            }
        }
        CacheMode cache = null;
        JsonNode cacheValue = options.get("cache");
        if (cacheValue != null && !cacheValue.isNull()) {
            cache = cacheValue.isTextual() ? CacheMode.fromWireName(cacheValue.asText()).orElse(null) : null;
            if (cache == null) {
                violations.add(new Violation(path + ".cache", "must be one of use, refresh, bypass, got "
                        + shown(cacheValue)));
            }
        }
        return new OptionValues(temperature,
                maxTokens == null ? null : maxTokens.intValue(),
                timeout == null ? null : timeout.intValue(),
                cache, ttl,
                maxAttempts == null ? null : maxAttempts.intValue(), repair);
    }

    private static Double number(JsonNode node, String path, String field, double min, double max,
                                 List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            violations.add(new Violation(path, "must be a number from " + min + " to " + max + ", got " + shown(value)));
            return null;
        }
        return value.asDouble();
    }

    private static Long integer(JsonNode node, String path, String field, long min, long max,
                                List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            violations.add(new Violation(path, "must be a whole number from " + min + " to " + max
                    + ", got " + shown(value)));
            return null;
        }
        return value.asLong();
    }

    private static String requiredText(JsonNode node, String path, String field, List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            violations.add(new Violation(path, "required"));
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(path, "must be a string, got " + shown(value)));
            return null;
        }
        return value.asText();
    }

    private static void rejectUnknownFields(JsonNode node, String prefix, List<String> allowed,
                                            List<Violation> violations) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!allowed.contains(name)) {
                violations.add(new Violation(prefix + name, "unknown field; allowed here: " + String.join(", ", allowed)));
            }
        }
    }

    private static String shown(JsonNode value) {
        return shorten(value.toString());
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** What items inherit from the document. */
    private record Inherited(String provider, String model, List<String> fallback, OptionValues options) {
    }

    /** Options as written at one level; null means "not set here". */
    private record OptionValues(Double temperature, Integer maxTokens, Integer timeoutSeconds, CacheMode cache,
                                Long cacheTtlSeconds, Integer maxAttempts, Boolean repair) {
        static final OptionValues NONE = new OptionValues(null, null, null, null, null, null, null);

        OptionValues over(OptionValues lower) {
            return new OptionValues(
                    firstNonNull(temperature, lower.temperature),
                    firstNonNull(maxTokens, lower.maxTokens),
                    firstNonNull(timeoutSeconds, lower.timeoutSeconds),
                    firstNonNull(cache, lower.cache),
                    firstNonNull(cacheTtlSeconds, lower.cacheTtlSeconds),
                    firstNonNull(maxAttempts, lower.maxAttempts),
                    firstNonNull(repair, lower.repair));
        }
    }
}
