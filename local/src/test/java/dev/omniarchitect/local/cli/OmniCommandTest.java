package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line as {@code main} builds it for its arguments (a command named first gets only its own model)
 * says exactly what the command line with every command says.
 */
class OmniCommandTest {

    private record Said(int status, String out, String err) {
    }

    private static Said say(Function<String[], CommandLine> commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine built = commandLine.apply(args);
        built.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return new Said(built.execute(args), out.toString(), err.toString());
    }

    private static Said both(String... args) {
        Said all = say(ignored -> OmniCommand.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of()), args);
        Said chosen = say(arguments -> OmniCommand.forArguments(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), arguments), args);
        assertEquals(all, chosen, "omni " + String.join(" ", args));
        return chosen;
    }

    @Test
    void aCommandNamedFirstIsBuiltAloneAndSaysWhatItSaysAmongTheOthers() {
        for (Class<?> command : OmniCommand.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            if (command != CommandLine.HelpCommand.class) {
                CommandLine alone = OmniCommand.forArguments(new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()), Map.of(), new String[] {name, "--help"});
                assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()));
            }
            Said help = both(name, "--help");
            assertEquals(0, help.status(), name);
            assertTrue(help.out().contains("Usage: omni " + name), help.out());
        }
    }

    @Test
    void theTopLevelHelpAndAMistypedCommandStillKnowEveryCommand() {
        Said top = both("--help");
        for (Class<?> command : OmniCommand.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertTrue(top.out().contains("  " + name + " "), name + " missing from:\n" + top.out());
        }
        Said mistyped = both("rnu", "events/batch-request.json");
        assertEquals(ExitStatus.BAD_INPUT, mistyped.status());
        assertTrue(mistyped.err().contains("run"), mistyped.err());
        assertEquals(ExitStatus.BAD_INPUT, both("run", "--no-such-option", "x.json").status());
        assertEquals(ExitStatus.BAD_INPUT, both().status());
    }
}
