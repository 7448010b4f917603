package dev.omniarchitect.kind;

import dev.omniarchitect.artifact.GeneratedFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Turns a model's Markdown answer into files: one file per fenced code block of the kind's languages,
 * named by the block's info string, a first-line "file:" comment, or the line just before the block,
 * else by the kind's default file names.
 */
public final class AnswerParser {

    private static final Pattern INFO_NAME = Pattern.compile(
            "(?:^|\\s)(?:path|file|filename|name|title)=(?:\"([^\"]*)\"|(\\S+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_LINE_NAME =
            Pattern.compile("^\\s*(?:#|//|--|<!--)\\s*(?:file|path|filename)\\s*:\\s*([^\\s>]+)\\s*(?:-->)?\\s*$",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL_NAME =
            Pattern.compile("(?:^|\\s)(?:file|path|filename)\\s*:\\s*`?([^\\s`]+)`?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PATH_LIKE = Pattern.compile("[A-Za-z0-9_.\\-/]+");
    private static final int MAX_PATH_LENGTH = 255;

    private final Parser markdown = Parser.builder().build();

    /** The files in the answer, in the order they appear; empty when the answer has no usable code block. */
    public List<GeneratedFile> parse(Kind kind, String answer) {
        List<FencedCodeBlock> blocks = new ArrayList<>();
        markdown.parse(answer).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                blocks.add(block);
            }
        });
        List<GeneratedFile> files = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        int unnamed = 0;
        for (FencedCodeBlock block : blocks) {
            String info = Optional.ofNullable(block.getInfo()).orElse("").trim();
            String language = language(info);
            String content = block.getLiteral();
            Optional<String> name = nameFromInfo(info);
            if (name.isEmpty()) {
                name = nameFromFirstLine(content);
                if (name.isPresent()) {
                    content = content.substring(content.indexOf('\n') + 1);
                }
            }
            if (name.isEmpty()) {
                name = nameFromPrecedingLine(block);
            }
            if (name.isEmpty() && !language.isEmpty() && !kind.fenceLanguages().contains(language)) {
                continue;
            }
            if (content.isBlank()) {
                continue;
            }
            String path = name.isPresent() ? name.get() : kind.defaultFileName(unnamed++);
            files.add(new GeneratedFile(unique(path, taken), content));
        }
        return List.copyOf(files);
    }

    private static String language(String info) {
        if (info.isEmpty()) {
            return "";
        }
        String first = info.split("\\s+")[0];
        int colon = first.indexOf(':');
        String language = colon >= 0 ? first.substring(0, colon) : first;
        return language.contains("=") ? "" : language.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> nameFromInfo(String info) {
        Matcher matcher = INFO_NAME.matcher(info);
        if (matcher.find()) {
            return safePath(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        String first = info.isEmpty() ? "" : info.split("\\s+")[0];
        int colon = first.indexOf(':');
        if (colon > 0 && colon < first.length() - 1) {
            return safePath(first.substring(colon + 1));
        }
        return Optional.empty();
    }

    private static Optional<String> nameFromFirstLine(String content) {
        int end = content.indexOf('\n');
        Matcher matcher = FIRST_LINE_NAME.matcher(end < 0 ? content : content.substring(0, end));
        return matcher.matches() ? safePath(matcher.group(1)) : Optional.empty();
    }

    /**
     * The last line right before the block when it is only a file name ("**k8s/service.yaml**",
     * "### `main.tf`") or a label ("File: main.tf"); a name merely mentioned in a sentence does not count.
     */
    private static Optional<String> nameFromPrecedingLine(FencedCodeBlock block) {
        Node previous = block.getPrevious();
        if (!(previous instanceof Paragraph) && !(previous instanceof Heading)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        previous.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.SoftLineBreak node) {
                text.append('\n');
            }
        });
        String all = text.toString().trim();
        String lastLine = all.substring(all.lastIndexOf('\n') + 1).trim();
        Matcher label = LABEL_NAME.matcher(lastLine);
        if (label.find()) {
            return safePath(label.group(1));
        }
        String candidate = lastLine.replaceAll("[:*]+$", "").trim();
        return looksLikeFileName(candidate) ? safePath(candidate) : Optional.empty();
    }

    private static boolean looksLikeFileName(String candidate) {
        return PATH_LIKE.matcher(candidate).matches()
                && (candidate.contains(".") || candidate.contains("/") || candidate.equals("Dockerfile"));
    }

    /** A relative path inside the item's folder, or nothing: model output must never escape it. */
    static Optional<String> safePath(String raw) {
        String path = raw.trim().replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH || !PATH_LIKE.matcher(path).matches()
                || path.endsWith("/")) {
            return Optional.empty();
        }
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(path);
    }

    private static String unique(String path, Set<String> taken) {
        String candidate = path;
        for (int n = 2; !taken.add(candidate); n++) {
            int dot = path.lastIndexOf('.');
            int slash = path.lastIndexOf('/');
            candidate = dot > slash + 1
                    ? path.substring(0, dot) + "-" + n + path.substring(dot)
                    : path + "-" + n;
        }
        return candidate;
    }
}
