package dev.omniarchitect.kinds.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.document.FieldNames;
import dev.omniarchitect.validation.document.LocatedNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a manifest into its fabric8 model class as strictly as the API server does: fabric8 models
 * collect unknown fields into {@code additionalProperties}, so their any-setter is removed here and
 * every unknown field is reported (all of them, with their lines) instead of kept; scalars are not
 * coerced, so {@code replicas: "3"} or a number where a string belongs is the type error kubectl reports.
 */
final class KubernetesSchema {

    /** The context attribute under which one read collects its unknown fields. */
    private static final Object UNKNOWN_FIELDS = new Object();

    /** A field the model class does not define. */
    private record UnknownField(JsonPointer pointer, String name, String type, Collection<Object> known) {
    }

    private static final int MAX_TYPE_ERRORS = 50;

    private final ObjectReader reader;

    KubernetesSchema() {
        SimpleModule strict = new SimpleModule("strict-kubernetes").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                return builder;
            }
        });
        JsonMapper mapper = JsonMapper.builder()
                .addModule(strict)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addHandler(new UnknownFieldCollector())
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.reader = mapper.reader();
    }

    /**
     * The unknown fields and every type error of a document read as that model class. Jackson stops at the
     * first type error, so each one found is cut out of a copy of the document and the copy read again,
     * at most {@link #MAX_TYPE_ERRORS} times, so one wrong value does not hide the rest of the file.
     */
    List<Finding> check(String path, LocatedNode document, Class<?> type) {
        Set<UnknownField> unknown = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
        JsonNode remaining = document.node().deepCopy();
        for (int attempt = 0; attempt < MAX_TYPE_ERRORS; attempt++) {
            List<UnknownField> found = new ArrayList<>();
            try {
                reader.forType(type).withAttribute(UNKNOWN_FIELDS, found).readValue(remaining);
                unknown.addAll(found);
                break;
            } catch (JsonMappingException e) {
                unknown.addAll(found);
                JsonPointer pointer = pointerOf(e.getPath());
                LocatedNode at = document.at(pointer);
                findings.add(KubernetesValidator.WRONG_TYPE.at(path, at.line(),
                        at.path() + " " + wrongType(e, at)));
                if (!TypeErrors.remove(remaining, pointer)) {
                    break;
                }
            } catch (IOException e) {
                findings.add(KubernetesValidator.WRONG_TYPE.at(path, document.line(), String.valueOf(e.getMessage())));
                break;
            }
        }
        for (UnknownField field : unknown) {
            LocatedNode at = document.at(field.pointer());
            String where = field.pointer().head() == null || field.pointer().head().matches()
                    ? "" : " at " + document.at(field.pointer().head()).path();
            findings.add(KubernetesValidator.UNKNOWN_FIELD.at(path, at.line(),
                    "unknown field \"" + field.name() + "\" in " + field.type() + where
                            + FieldNames.suggestion(field.name(), field.known())));
        }
        return findings;
    }

    private static String wrongType(JsonMappingException e, LocatedNode at) {
        String got = at.node().isContainerNode() ? (at.isArray() ? "a list" : "a mapping") : at.node().toString();
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType()) + ", got " + got;
        }
        return "has the wrong type (" + got + ")";
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string (quote it)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return "a " + type.getSimpleName() + " mapping";
    }

    private static JsonPointer pointerOf(List<JsonMappingException.Reference> references) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference reference : references) {
            pointer = reference.getFieldName() != null
                    ? pointer.appendProperty(reference.getFieldName())
                    : pointer.appendIndex(reference.getIndex());
        }
        return pointer;
    }

    /** Records each unknown field of a read and skips its value, so one read finds them all. */
    private static final class UnknownFieldCollector extends DeserializationProblemHandler {
        @Override
        @SuppressWarnings("unchecked")
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass, String name)
                throws IOException {
            Object collected = context.getAttribute(UNKNOWN_FIELDS);
            if (collected == null) {
                return false;
            }
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            ((List<UnknownField>) collected).add(new UnknownField(parser.getParsingContext().pathAsPointer(), name,
                    type.getSimpleName(), deserializer.getKnownPropertyNames()));
            parser.skipChildren();
            return true;
        }
    }
}
