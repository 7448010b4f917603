package dev.omniarchitect.template;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every error the state machine retries or catches by class name is a throwable of ours that exists: Lambda's
 * Java runtime reports an uncaught exception by its class's full name, so a renamed or moved class would
 * silently stop matching.
 */
class ErrorNamesTest {

    @Test
    void everyClassNamedInAnErrorEqualsExistsAndIsThrowable() throws IOException {
        // Substitutions such as ${MaxConcurrency} stand unquoted where a number goes; any number will do here.
        JsonNode definition = Json.mapper().readTree(Files.readString(Path.of("..", "statemachine",
                "generate.asl.json")).replaceAll("\\$\\{\\w+}", "1"));
        List<String> names = new ArrayList<>();
        collect(definition, names);

        List<String> classNames = names.stream()
                .filter(name -> !name.startsWith("States.") && !name.startsWith("Lambda.")).toList();
        assertFalse(classNames.isEmpty(), "the definition names no class of ours: " + names);
        for (String name : classNames) {
            assertTrue(name.startsWith("dev.omniarchitect."), name + " is neither a Step Functions error nor ours");
            try {
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                assertTrue(Throwable.class.isAssignableFrom(type), name + " is not a Throwable");
            } catch (ClassNotFoundException e) {
                fail("the definition retries or catches " + name + ", which does not exist");
            }
        }
    }

    private static void collect(JsonNode node, List<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("ErrorEquals")) {
                    field.getValue().forEach(name -> names.add(name.asText()));
                } else {
                    collect(field.getValue(), names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, names));
        }
    }
}
