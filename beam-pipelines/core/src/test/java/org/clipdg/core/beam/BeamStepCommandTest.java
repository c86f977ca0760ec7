package org.clipdg.core.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BeamStepCommandTest {
    public interface NamedOptions extends PipelineOptions {
        @Description("A name.")
        @Validation.Required
        String getName();

        void setName(String value);
    }

    /** Records the name of every run. */
    static final class NamingCommand extends BeamStepCommand<NamedOptions> {
        final List<String> names = new ArrayList<>();

        NamingCommand() {
            super(NamedOptions.class);
        }

        @Override
        protected void run(NamedOptions options) {
            names.add(options.getName());
        }
    }

    @Test
    void oneRunWithoutSeparator() {
        assertEquals(List.of("a"), execute("--name=a").names);
    }

    @Test
    void thenSeparatesRunsThatRunInOrder() {
        assertEquals(List.of("a", "b", "c"), execute("--name", "a", "--then", "--name=b", "--then", "--name=c").names);
    }

    @Test
    void everyRunIsValidatedBeforeTheFirstStarts() {
        NamingCommand command = new NamingCommand();
        int exit = new CommandLine(command).execute("--name=a", "--then", "--nmae=b");
        assertTrue(exit != 0, "an unknown option in the second run fails the command");
        assertEquals(List.of(), command.names, "the first run did not start");
    }

    @Test
    void emptyRunsAreErrors() {
        assertEquals(List.of(List.of("--name=a")), BeamStepCommand.runs(List.of("--name=a")));
        assertThrows(IllegalArgumentException.class, () -> BeamStepCommand.runs(List.of("--then", "--name=a")));
        assertThrows(IllegalArgumentException.class, () -> BeamStepCommand.runs(List.of("--name=a", "--then")));
        assertThrows(IllegalArgumentException.class, () -> BeamStepCommand.runs(List.of("--name=a", "--then", "--then", "--name=b")));
    }

    private static NamingCommand execute(String... arguments) {
        NamingCommand command = new NamingCommand();
        assertEquals(0, new CommandLine(command).execute(arguments));
        return command;
    }
}
