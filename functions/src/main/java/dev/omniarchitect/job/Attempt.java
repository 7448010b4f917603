package dev.omniarchitect.job;

/**
 * One call made for an item.
 *
 * @param provider  who was called
 * @param model     which model
 * @param outcome   {@code ok}, or the error code
 * @param ms        how long it took
 */
public record Attempt(String provider, String model, String outcome, long ms) {

    public static final String OK = "ok";
}
