package dev.omniarchitect.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.artifact.GeneratedFile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus under {@code src/test/resources/corpus/<kind>/}: each {@code good/<case>/} folder holds the
 * files of one answer that must pass without a single finding; each {@code bad/<case>/} folder holds files
 * that break exactly one rule, and its {@code expected.properties} names that rule, the file and the line.
 */
public class ValidationCorpusTest {

    private static final ValidatorRegistry VALIDATORS = ValidatorRegistry.builtIn();
    private static final String EXPECTED = "expected.properties";

    /** One case folder: its kind, whether it is good, and its path. */
    public record Case(String kind, boolean good, Path folder) {
        @Override
        public String toString() {
            return kind + "/" + (good ? "good/" : "bad/") + folder.getFileName();
        }
    }

    static Stream<Case> goodCases() {
        return cases().filter(Case::good);
    }

    static Stream<Case> badCases() {
        return cases().filter(c -> !c.good());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodCases")
    void goodFilesPassWithoutAnyFinding(Case good) {
        ValidationReport report = VALIDATORS.validate(good.kind(), files(good.folder()));

        assertTrue(report.ok(), () -> BlueprintValidationTest.describe(report));
        assertEquals(List.of(), report.findings(), () -> BlueprintValidationTest.describe(report));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badFilesYieldTheFindingOfTheirRuleAndNothingElse(Case bad) {
        Properties expected = expected(bad.folder());
        ValidationReport report = VALIDATORS.validate(bad.kind(), files(bad.folder()));

        assertEquals(1, report.findings().size(), () -> "expected only " + expected + " but got:\n"
                + BlueprintValidationTest.describe(report));
        Finding finding = report.findings().get(0);
        assertEquals(expected.getProperty("rule"), finding.rule(), finding::toString);
        assertEquals(blankToNull(expected.getProperty("path")), finding.path(), finding::toString);
        String line = blankToNull(expected.getProperty("line"));
        assertEquals(line == null ? null : Integer.valueOf(line), finding.line(), finding::toString);
        Rule rule = VALIDATORS.validator(bad.kind()).rules().stream()
                .filter(r -> r.id().equals(finding.rule())).findFirst().orElseThrow();
        assertEquals(rule.severity(), finding.severity());
        assertEquals(rule.fix(), finding.fix());
        assertEquals(rule.severity() == Severity.WARNING, report.ok(), "only errors make a report not ok");
        assertFalse(finding.message().isBlank());
    }

    @Test
    void everyValidatorHasGoodCasesAndABadCaseForEachOfItsRules() {
        for (FileValidator validator : VALIDATORS.all()) {
            String kind = validator.kind();
            assertTrue(goodCases().anyMatch(c -> c.kind().equals(kind)), "no good case for " + kind);
            Set<String> covered = badCases().filter(c -> c.kind().equals(kind))
                    .map(c -> expected(c.folder()).getProperty("rule")).collect(Collectors.toSet());
            Set<String> rules = validator.rules().stream().map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
            rules.removeAll(covered);
            assertEquals(Set.of(), rules, "rules of " + kind + " without a bad case");
            validator.rules().forEach(rule -> assertTrue(rule.id().startsWith(kind + "/"), rule.id()));
        }
    }

    @Test
    void theCorpusHasAFolderForEveryValidatorAndNoOther() {
        Set<String> kinds = cases().map(Case::kind).collect(Collectors.toSet());

        assertEquals(VALIDATORS.all().stream().map(FileValidator::kind).collect(Collectors.toSet()), kinds);
    }

    /** Every case of the corpus, good and bad, of every kind. */
    public static Stream<Case> cases() {
        Path root = corpusRoot();
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> kinds = Files.list(root)) {
            for (Path kind : kinds.sorted().toList()) {
                for (String group : List.of("good", "bad")) {
                    try (Stream<Path> folders = Files.list(kind.resolve(group))) {
                        folders.sorted().forEach(folder ->
                                cases.add(new Case(kind.getFileName().toString(), group.equals("good"), folder)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases.stream();
    }

    private static Path corpusRoot() {
        try {
            return Path.of(ValidationCorpusTest.class.getResource("/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files of a case, with paths relative to its folder as a model would name them. */
    public static List<GeneratedFile> files(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals(EXPECTED))
                    .sorted()
                    .map(path -> new GeneratedFile(folder.relativize(path).toString().replace('\\', '/'), read(path)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties expected(Path folder) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(folder.resolve(EXPECTED))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("every bad case needs " + EXPECTED + ": " + folder, e);
        }
        return properties;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
