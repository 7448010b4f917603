package dev.omniarchitect.local.cli;

import dev.omniarchitect.job.MaxConcurrency;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --concurrency N}: the Map state's MaxConcurrency, for every command that runs jobs, checked once. */
public final class ConcurrencyOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private int value = MaxConcurrency.DEFAULT;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + MaxConcurrency.DEFAULT,
            description = "provider calls in flight at most per job (the Map state's MaxConcurrency), "
                    + MaxConcurrency.MIN + " to " + MaxConcurrency.MAX + " (default: ${DEFAULT-VALUE}, as deployed)")
    void set(int value) {
        if (!MaxConcurrency.allows(value)) {
            throw new ParameterException(command.commandLine(), "--concurrency must be a whole number from "
                    + MaxConcurrency.MIN + " to " + MaxConcurrency.MAX + ", got " + value);
        }
        this.value = value;
    }

    /** The value given, or the default. */
    public int value() {
        return value;
    }
}
