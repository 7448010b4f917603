package dev.omniarchitect.review;

import dev.omniarchitect.artifact.GeneratedFile;
import java.util.regex.Pattern;

/**
 * What kind of file a security-review item's input is, guessed from its content, so the kind's own
 * validator can review it alongside the model.
 *
 * @param kind  the kind whose validator reads it, or null when none fits
 * @param file  the input as a file of that kind's default name
 */
public record ReviewedFile(String kind, GeneratedFile file) {

    private static final Pattern DOCKERFILE = Pattern.compile("(?im)^\\s*FROM\\s+\\S+");
    private static final Pattern KUBERNETES = Pattern.compile("(?m)^apiVersion:\\s*\\S+[\\s\\S]*^kind:\\s*\\S+");
    private static final Pattern TERRAFORM = Pattern.compile("(?m)^\\s*(resource|provider|terraform|module|variable)\\s+[\"{a-z]");
    private static final Pattern WORKFLOW = Pattern.compile("(?m)^jobs:\\s*$");
    private static final Pattern COMPOSE = Pattern.compile("(?m)^services:\\s*$");
    private static final Pattern CLOUDFORMATION = Pattern.compile("(?m)^(AWSTemplateFormatVersion|Resources):");
    private static final Pattern PROMETHEUS = Pattern.compile("(?m)^groups:\\s*$");
    private static final Pattern KYVERNO = Pattern.compile("(?m)^apiVersion:\\s*[\"']?kyverno\\.io/");
    private static final Pattern REGO = Pattern.compile("(?m)^package\\s+[A-Za-z_][A-Za-z0-9_.]*\\s*$");

    /** The input's kind and file; a kind of null when nothing fits. */
    public static ReviewedFile of(String input) {
        if (CLOUDFORMATION.matcher(input).find()) {
            return new ReviewedFile("cloudformation", new GeneratedFile("template.yaml", input));
        }
        if (KYVERNO.matcher(input).find()) {
            return new ReviewedFile("security-policy", new GeneratedFile("policy.yaml", input));
        }
        if (REGO.matcher(input).find()) {
            return new ReviewedFile("security-policy", new GeneratedFile("policy.rego", input));
        }
        if (KUBERNETES.matcher(input).find()) {
            return new ReviewedFile("kubernetes", new GeneratedFile("manifest.yaml", input));
        }
        if (WORKFLOW.matcher(input).find()) {
            return new ReviewedFile("github-actions", new GeneratedFile(".github/workflows/workflow.yml", input));
        }
        if (COMPOSE.matcher(input).find()) {
            return new ReviewedFile("docker-compose", new GeneratedFile("compose.yaml", input));
        }
        if (PROMETHEUS.matcher(input).find()) {
            return new ReviewedFile("prometheus-rules", new GeneratedFile("rules.yml", input));
        }
        if (TERRAFORM.matcher(input).find()) {
            return new ReviewedFile("terraform", new GeneratedFile("main.tf", input));
        }
        if (DOCKERFILE.matcher(input).find()) {
            return new ReviewedFile("dockerfile", new GeneratedFile("Dockerfile", input));
        }
        return new ReviewedFile(null, new GeneratedFile("input.txt", input));
    }
}
