package dev.omniarchitect.validation.document;

/** A file that its format's reader cannot read, with the line where reading stopped when known. */
public final class SyntaxException extends Exception {

    private final Integer line;

    public SyntaxException(String message, Integer line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line of the problem, or null. */
    public Integer line() {
        return line;
    }
}
