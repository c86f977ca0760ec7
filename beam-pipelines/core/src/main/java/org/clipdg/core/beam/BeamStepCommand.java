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
 */
public abstract class BeamStepCommand<T extends PipelineOptions> implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, description = "Show this help and every pipeline option, then exit.")
    boolean help;

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
            PipelineOptionsFactory.printHelp(System.out, optionsType);
            return 0;
        }
        run(BeamRunners.options(arguments, optionsType));
        return 0;
    }
}
