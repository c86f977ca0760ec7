package org.clipdg.domains.label;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.clipdg.core.beam.BeamRunners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "label-domains",
        description = {"Labels every embedding of one dataset natural / ambiguous / rendition with a trained domain classifier"
                + " (ONNX Runtime) in an Apache Beam pipeline, on the DirectRunner (default) or Flink"
                + " (--runner=FlinkRunner --flinkMaster=[local] or host:port).",
                "Options are Beam pipeline options, --name=value (or --name value); --help lists them all.",
                "Writes into --output: labels-NNNNN.avro (one per embedding shard: key, dataset, p_natural, p_rendition,"
                + " label_default, label_strict) and manifest.json (last, with the counts under both threshold sets)."},
        footer = {"", "Example: clipdg label-domains --embeddings=results/embeddings/pool"
                + " --classifier=results/domains/classifier --output=labels/pool"})
public final class LabelDomainsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, description = "Show this help and every pipeline option, then exit.")
    boolean help;

    /** Everything else is a Beam pipeline option. */
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (help) {
            spec.commandLine().usage(System.out);
            PipelineOptionsFactory.printHelp(System.out, LabelDomainsOptions.class);
            return 0;
        }
        LabelDomainsOptions options = BeamRunners.options(arguments, LabelDomainsOptions.class);
        new LabelDomains(options, System.err).execute();
        return 0;
    }
}
