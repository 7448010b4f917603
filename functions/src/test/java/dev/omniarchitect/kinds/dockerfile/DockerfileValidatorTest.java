package dev.omniarchitect.kinds.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import dev.omniarchitect.validation.ValidationReport;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileValidatorTest {

    private static final ValidatorRegistry VALIDATORS = ValidatorRegistry.builtIn();

    /** The case security-review must report: three errors, each on its own line. */
    @Test
    void aRootLatestImageWithASecretInEnvYieldsExactlyThoseThreeFindings() {
        String dockerfile = """
                FROM node:latest
                WORKDIR /app
                COPY . .
                ENV API_TOKEN=ghp_live_0123456789abcdef
                USER root
                CMD ["node", "server.js"]
                """;

        ValidationReport report = VALIDATORS.validate("dockerfile", List.of(new GeneratedFile("Dockerfile", dockerfile)));

        assertFalse(report.ok());
        assertEquals(List.of("dockerfile/base-image-pinned@1", "dockerfile/hardcoded-secret@4",
                        "dockerfile/user-not-root@5"),
                report.findings().stream().map(finding -> finding.rule() + "@" + finding.line()).toList());
        report.findings().forEach(finding -> {
            assertEquals(Severity.ERROR, finding.severity());
            assertEquals("Dockerfile", finding.path());
        });
        assertEquals(3, report.errorCount());
    }

    @Test
    void withoutAnyUserTheRootFindingPointsAtTheFinalFrom() {
        String dockerfile = """
                FROM golang:1.24 AS build
                RUN go build -o /app .
                FROM alpine:3.22
                COPY --from=build /app /app
                """;

        List<Finding> findings = VALIDATORS.validate("dockerfile",
                List.of(new GeneratedFile("build/Dockerfile.prod", dockerfile))).findings();

        assertEquals(1, findings.size(), findings::toString);
        assertEquals("dockerfile/user-not-root", findings.get(0).rule());
        assertEquals(3, findings.get(0).line());
        assertEquals("build/Dockerfile.prod", findings.get(0).path());
    }

    @Test
    void aSecretNotWrittenIntoTheImageIsNoFinding() {
        String dockerfile = """
                ARG NPM_TOKEN
                FROM node:22-alpine
                ENV DB_PASSWORD_FILE=/run/secrets/db GITHUB_TOKEN=${GITHUB_TOKEN} API_KEY=""
                RUN --mount=type=secret,id=npm npm ci
                USER node
                """;

        assertEquals(List.of(), VALIDATORS.validate("dockerfile", List.of(new GeneratedFile("Dockerfile", dockerfile)))
                .findings());
    }
}
