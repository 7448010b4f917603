package dev.omniarchitect.local.cli;

import dev.omniarchitect.provider.UnknownDefaultProviderException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code omni} command line: Omni Architect on this machine. */
@Command(name = "omni",
        mixinStandardHelpOptions = true,
        version = "Omni Architect 0.1.0",
        description = {
            "Generates DevOps files (Dockerfiles, Kubernetes manifests, Terraform modules, CI workflows,",
            "alert rules) in batches, through AI providers or the offline blueprint provider, with every",
            "answer cached. Everything runs on this machine: the real state machine definition, the real",
            "Lambda handlers, DynamoDB Local, in one local engine per data directory (--data-dir, else",
            "OMNI_DATA_DIR, else ~/.omni) that run and invoke start in the background and then reuse.",
            ""},
        footer = {"", "Exit status: 0 every item succeeded, 1 some items failed (invoke: the function failed;",
            "providers --check: a provider does not answer; validate: a file has errors), 2 bad document, arguments",
            "or configuration (such as an unknown OMNI_DEFAULT_PROVIDER), 3 the run itself could not be carried out",
            "(the message says why).",
            "Run 'omni help COMMAND' or 'omni COMMAND --help' for a command's options."})
public final class OmniCommand implements Runnable {

    /** The built-in commands, in the order the usage lists them; other modules' follow (see {@link Subcommand}). */
    static final List<Class<?>> COMMANDS = List.of(RunCommand.class, ServeCommand.class, InvokeCommand.class,
            EngineCommand.class, ProvidersCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ClientWarmUp.jsonFor(args);
        System.exit(forArguments(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                args).execute(args));
    }

    /**
     * The command line for these arguments: when they start with a built-in command's name, with that command
     * only. picocli builds every command's model, by reflection over its options, before it parses anything; a
     * client that runs one command (each {@code omni run} is a JVM of its own) need not wait for the others'.
     * The top level's usage, {@code omni help} and a mistyped command get them all.
     */
    static CommandLine forArguments(PrintWriter out, PrintWriter err, Map<String, String> environment,
                                    String[] args) {
        for (Class<?> command : COMMANDS) {
            Command annotation = command.getAnnotation(Command.class);
            if (args.length > 0 && command != CommandLine.HelpCommand.class && annotation.name().equals(args[0])) {
                return commandLine(out, err, environment, List.of(command), false);
            }
        }
        return commandLine(out, err, environment);
    }

    /**
     * The command line with every command, writing to those streams and seeing that environment (tests pass
     * their own); its {@code execute} returns the exit status.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return commandLine(out, err, environment, COMMANDS, true);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment,
                                           List<Class<?>> commands, boolean otherModules) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        // Subcommands that read the environment take it as their one constructor argument.
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    java.lang.reflect.Constructor<K> withEnvironment = type.getDeclaredConstructor(Map.class);
                    return withEnvironment.newInstance(environment);
                } catch (NoSuchMethodException noEnvironment) {
                    return defaults.create(type);
                }
            }
        };
        CommandLine omni = new CommandLine(new OmniCommand(), factory);
        commands.forEach(omni::addSubcommand);
        if (otherModules) {
            // Commands of other modules on the class path, such as the bench's.
            for (Subcommand extra : ServiceLoader.load(Subcommand.class)) {
                omni.addSubcommand(new CommandLine(extra, factory));
            }
        }
        return omni
                .setOut(out)
                .setErr(err)
                // The help texts are written in lines of up to 100 characters; picocli's default 80 breaks them.
                .setUsageHelpWidth(110)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    if (error instanceof UnknownDefaultProviderException configuration) {
                        commandLine.getErr().println("omni: bad configuration: " + configuration.getMessage());
                        return ExitStatus.BAD_INPUT;
                    }
                    commandLine.getErr().println("omni: " + error.getMessage());
                    return ExitStatus.COULD_NOT_RUN;
                });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
