package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.FieldNames;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The events a workflow's {@code on:} names must be events GitHub triggers workflows with. */
final class WorkflowEvents {

    static final Rule UNKNOWN_EVENT = Rule.error("github-actions/unknown-event",
            "Use an event GitHub triggers workflows with (push, pull_request, schedule, workflow_dispatch, ...).");

    private static final Set<String> EVENTS = Set.of("branch_protection_rule", "check_run", "check_suite", "create",
            "delete", "deployment", "deployment_status", "discussion", "discussion_comment", "fork", "gollum",
            "image_version", "issue_comment", "issues", "label", "merge_group", "milestone", "page_build", "project",
            "project_card", "project_column", "public", "pull_request", "pull_request_review",
            "pull_request_review_comment", "pull_request_target", "push", "registry_package", "release",
            "repository_dispatch", "schedule", "status", "watch", "workflow_call", "workflow_dispatch", "workflow_run");

    private WorkflowEvents() {
    }

    /** The findings for the on: of a workflow: a name, a list of names or a mapping by name. */
    static List<Finding> check(String path, LocatedNode on) {
        List<Finding> findings = new ArrayList<>();
        List<LocatedNode> named = new ArrayList<>();
        if (on.scalarText() != null) {
            named.add(on);
        }
        named.addAll(on.elements());
        for (LocatedNode event : named) {
            unknown(path, event.scalarText(), event.line(), findings);
        }
        for (var event : on.fields()) {
            unknown(path, event.getKey(), event.getValue().line(), findings);
        }
        return findings;
    }

    private static void unknown(String path, String event, Integer line, List<Finding> findings) {
        if (event != null && !EVENTS.contains(event)) {
            findings.add(UNKNOWN_EVENT.at(path, line, "on: " + event + " is not an event that triggers workflows"
                    + FieldNames.suggestion(event, EVENTS)));
        }
    }
}
