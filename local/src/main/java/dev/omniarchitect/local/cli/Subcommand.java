package dev.omniarchitect.local.cli;

import java.util.concurrent.Callable;

/**
 * A command another module adds to {@code omni} (the bench), found with {@link java.util.ServiceLoader}
 * when that module's jar is on the class path; it is a picocli {@code @Command} with a public no-argument
 * constructor.
 */
public interface Subcommand extends Callable<Integer> {
}
