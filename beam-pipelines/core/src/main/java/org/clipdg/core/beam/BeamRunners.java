package org.clipdg.core.beam;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.clipdg.core.Progress;

/** What every clipdg Beam step does the same way: command-line style, runner tuning and progress lines. */
public final class BeamRunners {
    /** Flink masters that run the job inside this JVM (an embedded mini cluster). */
    private static final Set<String> IN_THIS_JVM = Set.of("[local]", "[auto]", "[collection]");

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
     * (clipdg's DoFns never mutate their inputs). For a Flink cluster it chooses what the job stages
     * ({@link FlinkStaging}) and says so on {@code progress} as {@code [label] ...}.
     */
    public static <T extends PipelineOptions> T tuned(T options, int workers, PrintStream progress, String label)
            throws IOException {
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
            String staging = runsInThisJvm(options) ? null : FlinkStaging.choose(flink);
            if (staging != null) {
                progress.printf("[%s] %s%n", label, staging);
            }
        }
        return options;
    }

    /** Whether the pipeline's workers run in this JVM (DirectRunner, embedded Flink), so that counts kept here see their work. */
    public static boolean runsInThisJvm(PipelineOptions options) {
        return switch (options.getRunner().getSimpleName()) {
            case "DirectRunner" -> true;
            case "FlinkRunner" -> IN_THIS_JVM.contains(options.as(FlinkPipelineOptions.class).getFlinkMaster());
            default -> false;
        };
    }

    /**
     * Progress lines for a step's pipeline: {@code doneInThisJvm} against {@code total} where the workers run
     * here; where they run on a cluster, which reports its counters only when the job ends, where and how long.
     */
    public static Progress progress(PipelineOptions options, PrintStream out, String label, String unit, long total,
            LongSupplier doneInThisJvm) {
        if (runsInThisJvm(options)) {
            return new Progress(out, label, unit, total, doneInThisJvm);
        }
        String where = options.getRunner().getSimpleName().equals("FlinkRunner")
                ? "the Flink cluster at " + options.as(FlinkPipelineOptions.class).getFlinkMaster()
                : options.getRunner().getSimpleName();
        return Progress.elsewhere(out, label, where, unit, total);
    }
}
