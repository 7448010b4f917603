package dev.omniarchitect.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Token prices per provider and model, from the resource file {@code prices.json}. A model that is not
 * listed has no price: callers show its usage without a cost, never a guessed one.
 */
public final class PriceTable {

    private static final String RESOURCE = "/prices.json";
    /** Bedrock inference profiles prefix the model id with where they route. */
    private static final Pattern PROFILE_PREFIX = Pattern.compile("^(us|eu|apac|jp|au|ca|us-gov|global)\\.");
    private static final String ANY_MODEL = "*";
    /** What a provider appends to a listed id for a dated or numbered version of the same model. */
    private static final Pattern VERSION_SUFFIX = Pattern.compile("[-@:](\\d{4}-\\d{2}-\\d{2}|\\d{8}|v\\d+)([-:].*)?");

    private final Map<String, Map<String, Price>> prices;
    private final String checked;

    private PriceTable(Map<String, Map<String, Price>> prices, String checked) {
        this.prices = prices;
        this.checked = checked;
    }

    /** The table packaged with the functions. */
    public static PriceTable builtIn(ObjectMapper mapper) {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build did not package " + RESOURCE);
            }
            return read(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table from a document shaped like prices.json. */
    public static PriceTable read(JsonNode document) {
        Map<String, Map<String, Price>> byProvider = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> providers = document.path("perMillionTokens").fields();
             providers.hasNext(); ) {
            Map.Entry<String, JsonNode> provider = providers.next();
            Map<String, Price> models = new HashMap<>();
            provider.getValue().fields().forEachRemaining(model -> models.put(model.getKey(),
                    new Price(model.getValue().path("input").decimalValue(),
                            model.getValue().path("output").decimalValue())));
            byProvider.put(provider.getKey(), Map.copyOf(models));
        }
        return new PriceTable(Map.copyOf(byProvider), document.path("checked").asText(""));
    }

    /** When the prices were last checked (ISO date). */
    public String checked() {
        return checked;
    }

    /**
     * The price of that model: the exact id; else without an inference-profile prefix; else the longest
     * listed id that the model's id extends by a version suffix ({@code gpt-4o-mini-2024-07-18});
     * else the provider's {@code *} entry.
     */
    public Optional<Price> find(String provider, String model) {
        Map<String, Price> models = prices.get(provider);
        if (models == null || model == null) {
            return Optional.empty();
        }
        String id = PROFILE_PREFIX.matcher(model).replaceFirst("");
        Price exact = models.getOrDefault(model, models.get(id));
        if (exact != null) {
            return Optional.of(exact);
        }
        String longest = null;
        for (String listed : models.keySet()) {
            boolean versionOf = id.startsWith(listed)
                    && VERSION_SUFFIX.matcher(id.substring(listed.length())).matches();
            if (versionOf && (longest == null || listed.length() > longest.length())) {
                longest = listed;
            }
        }
        return Optional.ofNullable(longest != null ? models.get(longest) : models.get(ANY_MODEL));
    }
}
