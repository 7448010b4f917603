package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.texts;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityPolicyBlueprintTest {

    private static final String KIND = "security-policy";
    private static final List<String> KYVERNO_RULES =
            List.of("run-as-non-root", "require-image-tag", "disallow-latest-tag", "require-limits");
    /** A rule head at the start of a line: its name, and what follows the name. */
    private static final Pattern REGO_HEAD = Pattern.compile("^([a-z_][a-z0-9_]*)(\\(| contains | :?= | if\\b)",
            Pattern.MULTILINE);
    private static final Pattern DENY_RULE = Pattern.compile("(?m)^deny contains msg if \\{\\n((?:    .*\\n)+)}$");

    @Test
    void kyvernoIsTheDefaultAClusterPolicyThatEnforcesFourPodRules() {
        Map<String, String> files = render(KIND, null);
        assertEquals(List.of("policy.yaml"), List.copyOf(files.keySet()));
        JsonNode policy = yaml(files.get("policy.yaml"));

        assertEquals("kyverno.io/v1", policy.get("apiVersion").asText());
        assertEquals("ClusterPolicy", policy.get("kind").asText());
        assertEquals("pod-hardening", policy.at("/metadata/name").asText());
        assertTrue(policy.at("/spec/background").asBoolean());
        JsonNode rules = policy.at("/spec/rules");
        assertEquals(KYVERNO_RULES, rules.findValuesAsText("name"));
        for (JsonNode rule : rules) {
            String name = rule.get("name").asText();
            assertEquals(List.of("Pod"), texts(rule.at("/match/any/0/resources/kinds")), name);
            assertEquals(List.of("kube-system"), texts(rule.at("/exclude/any/0/resources/namespaces")), name);
            assertEquals("Enforce", rule.at("/validate/failureAction").asText(), name);
            assertFalse(rule.at("/validate/message").asText().isBlank(), name + " needs a message");
            assertTrue(rule.at("/validate/pattern").isObject() ^ rule.at("/validate/anyPattern").isArray(),
                    name + " needs exactly one of pattern and anyPattern");
        }
    }

    @Test
    void theKyvernoRulesRequireNonRootPinnedTagsAndLimits() {
        JsonNode rules = yaml(render(KIND, null).get("policy.yaml")).at("/spec/rules");

        JsonNode nonRoot = rules.at("/0/validate/anyPattern");
        assertEquals(2, nonRoot.size());
        assertTrue(nonRoot.at("/0/spec/securityContext/runAsNonRoot").asBoolean(), "the pod sets it");
        assertTrue(nonRoot.at("/0/spec/containers/0/=(securityContext)/=(runAsNonRoot)").asBoolean(),
                "and no container unsets it");
        assertTrue(nonRoot.at("/1/spec/containers/0/securityContext/runAsNonRoot").isBoolean(), "or every container");
        assertTrue(nonRoot.at("/1/spec/containers/0/securityContext/runAsNonRoot").asBoolean());
        assertTrue(nonRoot.at("/1/spec/=(initContainers)/0/securityContext/runAsNonRoot").asBoolean());

        assertEquals("*:*", rules.at("/1/validate/pattern/spec/containers/0/image").asText());
        assertEquals("!*:latest", rules.at("/2/validate/pattern/spec/containers/0/image").asText());
        assertEquals("!*:latest", rules.at("/2/validate/pattern/spec/=(initContainers)/0/image").asText());
        JsonNode limits = rules.at("/3/validate/pattern/spec/containers/0/resources/limits");
        assertEquals("?*", limits.get("cpu").asText());
        assertEquals("?*", limits.get("memory").asText());
    }

    @Test
    void kyvernoParamsSetNameActionAndExclusions() {
        JsonNode policy = yaml(render(KIND, "{\"name\":\"baseline\",\"failureAction\":\"Audit\","
                + "\"excludeNamespaces\":[\"kube-system\",\"monitoring\",\"kube-system\"]}").get("policy.yaml"));
        JsonNode open = yaml(render(KIND, "{\"excludeNamespaces\":[]}").get("policy.yaml"));

        assertEquals("baseline", policy.at("/metadata/name").asText());
        assertTrue(policy.at("/spec/validationFailureAction").isMissingNode(), "deprecated since Kyverno 1.13");
        assertEquals(4, policy.at("/spec/rules").size());
        for (JsonNode rule : policy.at("/spec/rules")) {
            assertEquals(List.of("kube-system", "monitoring"), texts(rule.at("/exclude/any/0/resources/namespaces")));
            assertEquals("Audit", rule.at("/validate/failureAction").asText(), "each rule's own action");
        }
        for (JsonNode rule : open.at("/spec/rules")) {
            assertFalse(rule.has("exclude"), "no exclusions means no exclude block");
            assertEquals("Enforce", rule.at("/validate/failureAction").asText(), "the default");
        }
    }

    @Test
    void opaIsARegoModuleWithAPackageAndDenyRulesForTheSameChecks() {
        Map<String, String> files = render(KIND, "{\"engine\":\"opa\"}");
        assertEquals(List.of("policy.rego"), List.copyOf(files.keySet()));
        String rego = files.get("policy.rego");

        List<String> code = rego.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertEquals("package kubernetes.admission", code.get(0), "a module starts with its package");
        assertEquals("import rego.v1", code.get(1), "contains/if/in need Rego v1");
        assertBalanced(rego);

        List<String> denies = new ArrayList<>();
        Matcher deny = DENY_RULE.matcher(rego);
        while (deny.find()) {
            denies.add(deny.group(1));
        }
        assertEquals(4, denies.size(), "one deny rule per check:\n" + rego);
        assertEquals(rego.split("\ndeny ", -1).length - 1, denies.size(), "every deny rule is complete");
        for (String body : denies) {
            assertTrue(body.startsWith("    applies\n"), "every rule honours the excluded namespaces: " + body);
            assertTrue(body.contains("    msg := sprintf(\"container %q must "), "a message naming the container: " + body);
        }
        assertTrue(denies.get(0).contains("not runs_as_non_root(container)"));
        assertTrue(denies.get(1).contains("not pinned(container.image)"));
        assertTrue(denies.get(2).contains("endswith(container.image, \":latest\")"));
        assertTrue(denies.get(3).contains("some resource in [\"cpu\", \"memory\"]")
                && denies.get(3).contains("not container.resources.limits[resource]"));

        Set<String> defined = new LinkedHashSet<>();
        Matcher head = REGO_HEAD.matcher(rego);
        while (head.find()) {
            defined.add(head.group(1));
        }
        assertTrue(defined.containsAll(List.of("excluded_namespaces", "pod_spec", "applies", "workload_containers",
                "all_containers", "deny", "runs_as_non_root", "pinned")), "every rule used is defined: " + defined);
        assertTrue(rego.contains("\nexcluded_namespaces := {\"kube-system\"}\n"));
        assertTrue(rego.contains("input.request.object.spec.template.spec"), "workloads are checked too");
    }

    @Test
    void opaExclusionsBecomeARegoSet() {
        String two = render(KIND, "{\"engine\":\"opa\",\"excludeNamespaces\":[\"kube-system\",\"gatekeeper-system\"]}")
                .get("policy.rego");
        String none = render(KIND, "{\"engine\":\"opa\",\"excludeNamespaces\":[]}").get("policy.rego");

        assertTrue(two.contains("\nexcluded_namespaces := {\"kube-system\", \"gatekeeper-system\"}\n"), two);
        assertTrue(none.contains("\nexcluded_namespaces := set()\n"), "{} would be an empty object, not a set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"engine\":\"kyverno\",\"name\":\"web\",\"failureAction\":\"Audit\"}",
        "{\"engine\":\"opa\",\"excludeNamespaces\":[]}"})
    void theSameParamsRenderTheSameBytes(String params) {
        assertEquals(render(KIND, params), render(KIND, params));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"engine\":\"opa\"}", "{\"excludeNamespaces\":[],\"failureAction\":\"Audit\"}",
        "{\"engine\":\"opa\",\"excludeNamespaces\":[]}"})
    void theValidatorFindsNothing(String params) {
        BlueprintValidation.assertNoFindings(KIND, params);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"engine\":\"gatekeeper\"}|engine",
        "{\"engine\":\"OPA\"}|engine",
        "{\"name\":\"Pod Hardening\"}|name",
        "{\"failureAction\":\"enforce\"}|failureAction",
        "{\"failureAction\":\"Deny\"}|failureAction",
        "{\"excludeNamespaces\":\"kube-system\"}|excludeNamespaces",
        "{\"excludeNamespaces\":[\"Kube\"]}|excludeNamespaces",
        "{\"excludeNamespaces\":[\"a\\\"b\"]}|excludeNamespaces",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }

    /** Braces, brackets and parentheses pair up outside strings and comments, as OPA's parser requires. */
    private static void assertBalanced(String rego) {
        Deque<Character> open = new ArrayDeque<>();
        for (String line : rego.split("\n", -1)) {
            boolean inString = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '#') {
                    break;
                } else if ("{[(".indexOf(c) >= 0) {
                    open.push(c);
                } else if ("}])".indexOf(c) >= 0) {
                    assertFalse(open.isEmpty(), "unopened " + c + " in: " + line);
                    assertEquals("{[(".charAt("}])".indexOf(c)), open.pop(), "mismatched " + c + " in: " + line);
                }
            }
            assertFalse(inString, "unterminated string in: " + line);
        }
        assertTrue(open.isEmpty(), "unclosed " + open);
    }
}
