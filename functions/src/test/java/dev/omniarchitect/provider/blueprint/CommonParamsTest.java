package dev.omniarchitect.provider.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommonParamsTest {

    private static BlueprintParams with(String name, String value) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.put(name, value);
        return new BlueprintParams(params);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx:1.27", "nginx:1.27-alpine", "ghcr.io/acme/web:2.3.1", "localhost:5000/web:dev",
        "registry.example.com/team/sub_team/app:v1", "docker.io/library/postgres:17-alpine",
        "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "nginx:latest-alpine"})
    void pinnedImagesAreAccepted(String image) {
        assertEquals(image, CommonParams.image(with("image", image), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "nginx:latest", "nginx:Latest", "ghcr.io/acme/web", "localhost:5000/web",
        "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Nginx:1.0",
        "nginx:", "nginx:1.0 ", "nginx:1.0\nFROM evil", "https://ghcr.io/a:1", "nginx@sha256:abc", "-nginx:1"})
    void unpinnedOrMalformedImagesAreRefused(String image) {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> CommonParams.image(with("image", image), null));

        assertTrue(e.getMessage().startsWith("params.image must be an image reference with a version tag"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "app", "my-app-2", "0abc"})
    void dnsLabelsAreValidNames(String name) {
        assertEquals(name, CommonParams.name(with("name", name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"App", "my_app", "-app", "app-", "a.b", " app"})
    void otherNamesAreRefused(String name) {
        assertThrows(InvalidParamsException.class, () -> CommonParams.name(with("name", name)));
    }

    @Test
    void aSixtyFourCharacterNameIsTooLong() {
        assertEquals("a".repeat(63), CommonParams.name(with("name", "a".repeat(63))));
        assertThrows(InvalidParamsException.class, () -> CommonParams.name(with("name", "a".repeat(64))));
    }

    @Test
    void integerChoicesListTheAllowedValues() {
        BlueprintParams params = new BlueprintParams(JsonNodeFactory.instance.objectNode().put("javaVersion", 18));

        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> CommonParams.integerChoice(params, "javaVersion", 21, List.of(17, 21, 25)));
        assertEquals("params.javaVersion must be one of 17, 21, 25, got 18", e.getMessage());
        assertEquals(21, CommonParams.integerChoice(new BlueprintParams(null), "javaVersion", 21, List.of(17, 21, 25)));
    }
}
