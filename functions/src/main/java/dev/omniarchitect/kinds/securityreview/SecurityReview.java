package dev.omniarchitect.kinds.securityreview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import dev.omniarchitect.validation.ValidationReport;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A security review: the model's findings (a JSON array in its answer) merged with what our own
 * validator of the input's kind finds, without duplicates, as one {@code findings.json}.
 */
public final class SecurityReview {

    /** The file a review's result is written to. */
    public static final String FINDINGS_FILE = "findings.json";

    private final KindRegistry kinds;
    private final ValidatorRegistry validators;
    private final ObjectMapper mapper;

    public SecurityReview(KindRegistry kinds, ValidatorRegistry validators, ObjectMapper mapper) {
        this.kinds = kinds;
        this.validators = validators;
        this.mapper = mapper;
    }

    /**
     * The merged findings of the model's answer files and our validator on the input; empty when the
     * answer holds no readable JSON array of findings.
     */
    public Optional<ValidationReport> merge(String input, List<GeneratedFile> answerFiles) {
        Optional<List<Finding>> fromModel = modelFindings(answerFiles);
        if (fromModel.isEmpty()) {
            return Optional.empty();
        }
        ReviewedFile reviewed = ReviewedFile.of(input, kinds);
        ValidationReport ourReport = reviewed.kind() != null && validators.supports(reviewed.kind())
                ? validators.validate(reviewed.kind(), List.of(reviewed.file()))
                : ValidationReport.of(List.of());
        List<Finding> ours = ourReport.findings();
        Map<String, Finding> merged = new LinkedHashMap<>();
        // Ours first: they carry stable rule ids; a model finding on the same line and rule adds nothing.
        for (Finding finding : ours) {
            merged.putIfAbsent(key(finding), finding);
        }
        for (Finding finding : fromModel.get()) {
            merged.putIfAbsent(key(finding), finding);
        }
        return Optional.of(ValidationReport.of(new ArrayList<>(merged.values()), ourReport.tools()));
    }

    /** The review's result file: the merged findings as a JSON array. */
    public GeneratedFile asFile(ValidationReport report) {
        try {
            return new GeneratedFile(FINDINGS_FILE,
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report.findings()) + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<List<Finding>> modelFindings(List<GeneratedFile> files) {
        for (GeneratedFile file : files) {
            JsonNode array;
            try {
                array = mapper.readTree(file.content());
            } catch (JsonProcessingException e) {
                continue;
            }
            if (array != null && array.isObject() && array.path("findings").isArray()) {
                array = array.path("findings");
            }
            if (array != null && array.isArray()) {
                List<Finding> findings = new ArrayList<>();
                for (JsonNode node : array) {
                    if (node.path("message").isTextual()) {
                        findings.add(new Finding(
                                "error".equalsIgnoreCase(node.path("severity").asText()) ? Severity.ERROR : Severity.WARNING,
                                "review/" + node.path("rule").asText("finding").toLowerCase(Locale.ROOT),
                                node.path("message").asText(),
                                null,
                                node.path("line").canConvertToInt() && node.path("line").asInt() > 0
                                        ? node.path("line").asInt() : null,
                                node.path("fix").isTextual() ? node.path("fix").asText() : null));
                    }
                }
                return Optional.of(findings);
            }
        }
        return Optional.empty();
    }

    /** Two findings are the same when they name the same line and the same rule, whoever named it. */
    private static String key(Finding finding) {
        String rule = finding.rule().substring(finding.rule().lastIndexOf('/') + 1);
        return finding.line() + ":" + rule;
    }
}
