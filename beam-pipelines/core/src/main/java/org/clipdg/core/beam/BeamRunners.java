package org.clipdg.core.beam;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** What every clipdg Beam step does the same way: command-line style and runner tuning. */
public final class BeamRunners {
    private BeamRunners() {}

    /** Parses a step's command line ("--name=value" or "--name value") into its validated options. */
    public static <T extends PipelineOptions> T options(List<String> arguments, Class<T> type) {
        PipelineOptionsFactory.register(type);
        return PipelineOptionsFactory.fromArgs(beamStyle(arguments).toArray(String[]::new)).withValidation().as(type);
    }

    /** Joins "--name value" pairs into Beam's "--name=value"; a lone "--flag" stays as it is. */
    public static List<String> beamStyle(List<String> arguments) {
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            boolean takesNext = argument.startsWith("--") && !argument.contains("=") && i + 1 < arguments.size()
                    && !arguments.get(i + 1).startsWith("--");
            joined.add(takesNext ? argument + "=" + arguments.get(++i) : argument);
        }
        return joined;
    }

    /**
     * Applies the worker count to whichever runner runs, and turns off per-element copies and checks
     * (clipdg's DoFns never mutate their inputs).
     */
    public static <T extends PipelineOptions> T tuned(T options, int workers) {
        String runner = options.getRunner().getSimpleName();
        if (runner.equals("DirectRunner")) {
            DirectOptions direct = options.as(DirectOptions.class);
            direct.setTargetParallelism(workers);
            direct.setEnforceImmutability(false);
            direct.setEnforceEncodability(false);
        } else if (runner.equals("FlinkRunner")) {
            FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
            flink.setParallelism(workers);
            flink.setObjectReuse(true);
            flink.setFasterCopy(true);
        }
        return options;
    }
}
