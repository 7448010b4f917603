package dev.omniarchitect.kinds.dockerfile;

import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.ADD_REMOTE_UNVERIFIED;
import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.BASE_IMAGE_PINNED;
import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.COPY_NOT_ADD;
import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.FROM_FIRST;
import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.HARDCODED_SECRET;
import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.HEALTHCHECK;
import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.PACKAGE_CACHE;
import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.UNKNOWN_INSTRUCTION;
import static dev.omniarchitect.kinds.dockerfile.DockerfileValidator.USER_NOT_ROOT;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.ImageReference;
import dev.omniarchitect.validation.SecretNames;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Dockerfile's check: walks its instructions stage by stage and collects the findings. */
final class DockerfileCheck {

    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE",
            "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
            "HEALTHCHECK", "SHELL");
    private static final Pattern URL = Pattern.compile("(?i)(https?|ftp)://.+|git@.+");
    private static final Pattern ARCHIVE = Pattern.compile("(?i).+\\.(tar|tar\\.(gz|bz2|xz|zst)|tgz|tbz2?|txz)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    /** What a build stage has set so far; a stage built FROM another starts with its settings. */
    private static final class Stage {
        final int fromLine;
        boolean nonRootBase;
        String user;
        int userLine;
        boolean healthcheck;
        Integer exposeLine;

        Stage(int fromLine) {
            this.fromLine = fromLine;
        }

        Stage derived(int line) {
            Stage stage = new Stage(line);
            stage.nonRootBase = nonRootBase;
            stage.user = user;
            stage.userLine = userLine;
            stage.healthcheck = healthcheck;
            stage.exposeLine = exposeLine;
            return stage;
        }
    }

    private final String path;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> globalArgs = new HashMap<>();
    private final Map<String, Stage> stagesByName = new HashMap<>();
    private Stage stage;
    private boolean pipCacheOff;
    private boolean fromFirstReported;

    DockerfileCheck(String path) {
        this.path = path;
    }

    List<Finding> run(List<DockerInstruction> instructions) {
        for (DockerInstruction instruction : instructions) {
            if (stage == null && !instruction.keyword().equals("FROM") && !instruction.keyword().equals("ARG")
                    && !fromFirstReported) {
                findings.add(FROM_FIRST.at(path, instruction.line(),
                        instruction.keyword() + " comes before the first FROM"));
                fromFirstReported = true;
            }
            check(instruction);
        }
        if (stage == null) {
            if (instructions.stream().allMatch(instruction -> instruction.keyword().equals("ARG"))) {
                findings.add(FROM_FIRST.at(path, null, "the Dockerfile has no FROM instruction"));
            }
            return findings;
        }
        finalStage();
        return findings;
    }

    private void check(DockerInstruction instruction) {
        String arguments = instruction.arguments();
        switch (instruction.keyword()) {
            case "FROM" -> from(instruction);
            case "ARG", "ENV" -> assignments(instruction);
            case "ADD" -> add(instruction);
            case "RUN" -> PackageCaches.leftBehind(arguments, pipCacheOff).ifPresent(problem ->
                    findings.add(PACKAGE_CACHE.at(path, instruction.line(), problem)));
            case "USER" -> {
                if (stage != null) {
                    stage.user = ShellWords.split(arguments).stream().findFirst().orElse("");
                    stage.userLine = instruction.line();
                }
            }
            case "EXPOSE" -> {
                if (stage != null && stage.exposeLine == null) {
                    stage.exposeLine = instruction.line();
                }
            }
            case "HEALTHCHECK" -> {
                if (stage != null) {
                    stage.healthcheck = !arguments.strip().toUpperCase(Locale.ROOT).startsWith("NONE");
                }
            }
            default -> {
                if (!INSTRUCTIONS.contains(instruction.keyword())) {
                    findings.add(UNKNOWN_INSTRUCTION.at(path, instruction.line(),
                            "unknown instruction " + instruction.keyword()));
                }
            }
        }
    }

    private void from(DockerInstruction instruction) {
        List<String> words = ShellWords.split(instruction.arguments()).stream()
                .filter(word -> !word.startsWith("--")).toList();
        String image = words.isEmpty() ? "" : substituteGlobalArgs(words.get(0));
        Stage base = stagesByName.get(image.toLowerCase(Locale.ROOT));
        if (base != null) {
            stage = base.derived(instruction.line());
        } else {
            stage = new Stage(instruction.line());
            if (!image.equalsIgnoreCase("scratch")) {
                ImageReference reference = ImageReference.parse(image);
                reference.pinningProblem().ifPresent(problem ->
                        findings.add(BASE_IMAGE_PINNED.at(path, instruction.line(), "base " + problem)));
                stage.nonRootBase = reference.tag() != null && reference.tag().contains("nonroot");
            }
        }
        if (words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")) {
            stagesByName.put(words.get(2).toLowerCase(Locale.ROOT), stage);
        }
    }

    private String substituteGlobalArgs(String image) {
        Matcher variable = VARIABLE.matcher(image);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String value = globalArgs.get(variable.group(1));
            variable.appendReplacement(resolved, Matcher.quoteReplacement(value == null ? variable.group() : value));
        }
        return variable.appendTail(resolved).toString();
    }

    private void assignments(DockerInstruction instruction) {
        for (Map.Entry<String, String> assignment : assignmentsOf(instruction)) {
            String name = assignment.getKey();
            String value = assignment.getValue();
            if (instruction.keyword().equals("ARG") && stage == null && value != null) {
                globalArgs.put(name, value);
            }
            if (name.equals("PIP_NO_CACHE_DIR")) {
                pipCacheOff = true;
            }
            if (value != null && SecretNames.isSecretName(name) && SecretNames.isLiteral(value)) {
                findings.add(HARDCODED_SECRET.at(path, instruction.line(),
                        instruction.keyword() + " " + name + " holds a secret written into the image"));
            }
        }
    }

    /** The name=value pairs of an ENV or ARG; the legacy {@code ENV NAME value} form too. */
    private static List<Map.Entry<String, String>> assignmentsOf(DockerInstruction instruction) {
        List<String> words = ShellWords.split(instruction.arguments());
        List<Map.Entry<String, String>> assignments = new ArrayList<>();
        if (instruction.keyword().equals("ENV") && words.size() >= 2 && !words.get(0).contains("=")) {
            assignments.add(new SimpleEntry<>(words.get(0), String.join(" ", words.subList(1, words.size()))));
            return assignments;
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            assignments.add(equals < 0
                    ? new SimpleEntry<>(word, null)
                    : new SimpleEntry<>(word.substring(0, equals), word.substring(equals + 1)));
        }
        return assignments;
    }

    private void add(DockerInstruction instruction) {
        List<String> words = ShellWords.of(instruction.arguments());
        boolean checksum = words.stream().anyMatch(word -> word.startsWith("--checksum"));
        List<String> operands = words.stream().filter(word -> !word.startsWith("--")).toList();
        List<String> sources = operands.isEmpty() ? List.of() : operands.subList(0, operands.size() - 1);
        if (sources.stream().anyMatch(source -> !URL.matcher(source).matches() && !ARCHIVE.matcher(source).matches())) {
            findings.add(COPY_NOT_ADD.at(path, instruction.line(), "ADD copies local files; COPY says what it does"));
        } else if (!checksum && sources.stream().anyMatch(source -> URL.matcher(source).matches())) {
            findings.add(ADD_REMOTE_UNVERIFIED.at(path, instruction.line(),
                    "ADD downloads a remote file without --checksum"));
        }
    }

    private void finalStage() {
        if (stage.user == null && !stage.nonRootBase) {
            findings.add(USER_NOT_ROOT.at(path, stage.fromLine, "the final stage sets no USER, so it runs as root"));
        } else if (stage.user != null && isRoot(stage.user)) {
            findings.add(USER_NOT_ROOT.at(path, stage.userLine, "the final stage runs as root (USER " + stage.user + ")"));
        }
        if (stage.exposeLine != null && !stage.healthcheck) {
            findings.add(HEALTHCHECK.at(path, stage.exposeLine,
                    "the final stage exposes a port but has no HEALTHCHECK"));
        }
    }

    private static boolean isRoot(String user) {
        String name = user.split(":", 2)[0];
        return name.equals("root") || name.equals("0");
    }
}
