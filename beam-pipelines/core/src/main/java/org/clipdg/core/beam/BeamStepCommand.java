package org.clipdg.core.beam;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A subcommand whose options are all Beam pipeline options of type {@code T}: {@code --help} prints
 * the command's usage and every pipeline option; anything else is parsed and validated as options.
 * {@value #THEN} separates several runs of the step in one JVM (each with all its options), so that
 * many small inputs pay the JVM's and the model's start-up once.
 */
public abstract class BeamStepCommand<T extends PipelineOptions> implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, description = "Show this help and every pipeline option, then exit.")
    boolean help;

    /** Separates the options of one run from the next. */
    public static final String THEN = "--then";

    /** Everything else is a Beam pipeline option. */
    @Unmatched
    List<String> arguments = new ArrayList<>();

    private final Class<T> optionsType;

    protected BeamStepCommand(Class<T> optionsType) {
        this.optionsType = optionsType;
    }

    /** Runs the step with the parsed options. */
    protected abstract void run(T options) throws Exception;

    @Override
    public Integer call() throws Exception {
        if (help) {
            spec.commandLine().usage(System.out);
            System.out.printf("Several runs in one JVM (the model loads once): separate each run's options with %s.%n%n", THEN);
            PipelineOptionsFactory.printHelp(System.out, optionsType);
            return 0;
        }
        List<List<String>> runs = runs(arguments);
        List<T> parsed = new ArrayList<>();
        for (List<String> run : runs) {
            parsed.add(BeamRunners.options(run, optionsType));
        }
        for (T options : parsed) {
            run(options);
        }
        return 0;
    }

    /** The arguments of each run, in order: the groups between {@value #THEN} separators. */
    static List<List<String>> runs(List<String> arguments) {
        List<List<String>> runs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals(THEN)) {
                if (current.isEmpty()) {
                    throw new IllegalArgumentException(THEN + " must separate two runs' options; found one with none");
                }
                runs.add(current);
                current = new ArrayList<>();
            } else {
                current.add(argument);
            }
        }
        if (current.isEmpty() && !runs.isEmpty()) {
            throw new IllegalArgumentException(THEN + " must separate two runs' options; nothing follows the last one");
        }
        runs.add(current);
        return runs;
    }
}
