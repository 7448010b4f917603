package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import dev.omniarchitect.validation.document.AllowedKeys;
import dev.omniarchitect.validation.document.DocumentCheck;
import dev.omniarchitect.validation.document.LocatedNode;
import dev.omniarchitect.validation.document.TagResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks GitHub Actions workflows: the workflow syntax's structure and keys, actions pinned to a release
 * or commit ({@link ActionReference}), least-privilege permissions, job timeouts, and no untrusted event
 * text expanded into scripts. SchemaStore's workflow schema is not published in a Maven Central package,
 * so the structure checks are ours, covering the keys GitHub documents.
 */
public final class GithubActionsValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("github-actions/missing-file",
            "Add the workflow as a .yml file under .github/workflows/.");
    static final Rule YAML_SYNTAX = Rule.error("github-actions/yaml-syntax", "Fix the YAML so that it parses.");
    static final Rule STRUCTURE = Rule.error("github-actions/structure",
            "Give the workflow on: and jobs:, every job runs-on and steps (or uses), every step uses or run.");
    static final Rule UNKNOWN_KEY = Rule.error("github-actions/unknown-key",
            "Use the keys of the workflow syntax; check the spelling (runs-on, timeout-minutes, ...).");
    static final Rule ACTION_PINNED = Rule.error("github-actions/action-pinned",
            "Pin every action to a release tag (actions/checkout@v4) or a full commit SHA, never a branch.");
    static final Rule SCRIPT_INJECTION = Rule.error("github-actions/script-injection",
            "Pass untrusted event text to run: through env (env: TITLE: ${{ github.event.issue.title }}, then \"$TITLE\").");
    static final Rule PERMISSIONS = Rule.warning("github-actions/permissions",
            "Set least-privilege permissions: at the top (e.g. permissions: contents: read) or on every job.");
    static final Rule TIMEOUT = Rule.warning("github-actions/timeout",
            "Set timeout-minutes on every job; the default is 360 minutes.");

    /**
     * Workflows live in .github/workflows/ (a bare ci.yml is taken as one too); other YAML of the repository,
     * such as .github/dependabot.yml or an action's action.yml, follows other schemas and is not checked.
     */
    private static final FileSelection WORKFLOWS = new FileSelection("workflow .yml file",
            path -> FileNames.isYaml(path) && !FileNames.fileName(path).matches("action\\.ya?ml")
                    && (path.contains("workflows/") || !path.contains("/")),
            MISSING_FILE);
    private static final AllowedKeys WORKFLOW_KEYS = AllowedKeys.of("name", "run-name", "on", "permissions", "env",
            "defaults", "concurrency", "jobs");
    private static final AllowedKeys JOB_KEYS = AllowedKeys.of("name", "permissions", "needs", "if", "runs-on",
            "snapshot", "environment", "concurrency", "outputs", "env", "defaults", "steps", "timeout-minutes",
            "strategy", "continue-on-error", "container", "services", "uses", "with", "secrets");
    private static final AllowedKeys STEP_KEYS = AllowedKeys.of("id", "if", "name", "uses", "run",
            "working-directory", "shell", "with", "env", "continue-on-error", "timeout-minutes");

    @Override
    public boolean reads(String path) {
        return WORKFLOWS.accepts().test(path);
    }

    @Override
    public List<EmbeddedScript> scripts(GeneratedFile file) {
        return reads(file.path()) ? StepScripts.scripts(file.content()) : List.of();
    }

    @Override
    public String kind() {
        return "github-actions";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, YAML_SYNTAX, STRUCTURE, UNKNOWN_KEY, ACTION_PINNED, SCRIPT_INJECTION, PERMISSIONS,
                TIMEOUT, WorkflowEvents.UNKNOWN_EVENT, ActionInputs.UNKNOWN_INPUT, TimeoutMinutes.VALUE,
                StepScripts.SHELL_SYNTAX, StepScripts.UNQUOTED_EXPANSION, WorkflowExpressions.EXPRESSION_SYNTAX,
                WorkflowExpressions.UNKNOWN_CONTEXT, WorkflowExpressions.UNDEFINED_MATRIX_KEY,
                WorkflowExpressions.UNDEFINED_STEP, WorkflowExpressions.UNDEFINED_NEED);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return WORKFLOWS.eachFile(files, file -> DocumentCheck.yaml(file, YAML_SYNTAX, TagResolver.IGNORE, this::workflow));
    }

    private List<Finding> workflow(String path, LocatedNode root) {
        List<Finding> findings = new ArrayList<>();
        LocatedNode jobs = root.get("jobs");
        if (root.get("on").isMissing() || !jobs.isObject() || jobs.fieldNames().isEmpty()) {
            findings.add(STRUCTURE.at(path, root.line(), "a workflow needs on: (its triggers) and jobs: (at least one)"));
            return findings;
        }
        findings.addAll(WORKFLOW_KEYS.check(path, root, UNKNOWN_KEY));
        findings.addAll(WorkflowEvents.check(path, root.get("on")));
        findings.addAll(WorkflowExpressions.check(path, root));
        boolean topLevelPermissions = !root.get("permissions").isMissing();
        permissionsValue(path, root.get("permissions"), findings);
        for (var entry : jobs.fields()) {
            LocatedNode job = entry.getValue();
            if (!job.isObject()) {
                findings.add(STRUCTURE.at(path, job.line(), "job " + entry.getKey() + " is not a mapping"));
                continue;
            }
            findings.addAll(new JobCheck(path, entry.getKey(), job, jobs).run());
            findings.addAll(StepScripts.check(path, root, job));
            findings.addAll(TimeoutMinutes.check(path, job.get("timeout-minutes")));
            job.get("steps").elements().forEach(step -> {
                findings.addAll(ActionInputs.check(path, step));
                findings.addAll(TimeoutMinutes.check(path, step.get("timeout-minutes")));
            });
            if (!topLevelPermissions && job.get("permissions").isMissing()) {
                findings.add(PERMISSIONS.at(path, job.line(), "job " + entry.getKey()
                        + " gets the default GITHUB_TOKEN permissions: neither it nor the workflow sets permissions"));
            }
            permissionsValue(path, job.get("permissions"), findings);
        }
        return findings;
    }

    private static void permissionsValue(String path, LocatedNode permissions, List<Finding> findings) {
        if ("write-all".equals(permissions.text())) {
            findings.add(PERMISSIONS.at(path, permissions.line(), "permissions: write-all grants every scope"));
        }
    }

    /** The checks of one job and its steps. */
    private record JobCheck(String path, String name, LocatedNode job, LocatedNode jobs) {

        List<Finding> run() {
            List<Finding> findings = new ArrayList<>(JOB_KEYS.check(path, job, UNKNOWN_KEY));
            for (LocatedNode need : job.get("needs").isArray() ? job.get("needs").elements() : List.of(job.get("needs"))) {
                if (need.scalarText() != null && jobs.get(need.scalarText()).isMissing()) {
                    findings.add(STRUCTURE.at(path, need.line(), "job " + name + " needs " + need.scalarText()
                            + ", which is not a job of this workflow"));
                }
            }
            if (job.get("uses").hasText()) {
                findings.addAll(pinning(job.get("uses")));
                return findings;
            }
            if (job.get("runs-on").isMissing()) {
                findings.add(STRUCTURE.at(path, job.line(), "job " + name + " has no runs-on"));
            }
            if (job.get("timeout-minutes").isMissing()) {
                findings.add(TIMEOUT.at(path, job.line(), "job " + name + " has no timeout-minutes"));
            }
            List<LocatedNode> steps = job.get("steps").elements();
            if (steps.isEmpty()) {
                findings.add(STRUCTURE.at(path, job.line(), "job " + name + " has no steps"));
            }
            steps.forEach(step -> findings.addAll(step(step)));
            return findings;
        }

        private List<Finding> pinning(LocatedNode uses) {
            return ActionReference.problem(uses.text()).map(problem -> ACTION_PINNED.at(path, uses.line(), problem))
                    .stream().toList();
        }

        private List<Finding> step(LocatedNode step) {
            List<Finding> findings = new ArrayList<>(STEP_KEYS.check(path, step, UNKNOWN_KEY));
            LocatedNode uses = step.get("uses");
            LocatedNode run = step.get("run");
            if (uses.isMissing() == run.isMissing()) {
                findings.add(STRUCTURE.at(path, step.line(), step.path() + " must have either uses or run"));
            }
            if (uses.hasText()) {
                findings.addAll(pinning(uses));
            }
            if (run.hasText()) {
                UntrustedInput.find(run.text()).ifPresent(expression -> findings.add(SCRIPT_INJECTION.at(path, run.line(),
                        "run: expands " + expression + ", which whoever opens the issue or pull request controls")));
            }
            return findings;
        }
    }
}
