package org.clipdg.domains.label;

import org.clipdg.core.beam.BeamStepCommand;
import picocli.CommandLine.Command;

@Command(name = "label-domains",
        description = {"Labels every embedding of one dataset natural / ambiguous / rendition with a trained domain classifier"
                + " (ONNX Runtime) in an Apache Beam pipeline, on the DirectRunner (default) or Flink"
                + " (--runner=FlinkRunner --flinkMaster=[local] or host:port).",
                "Options are Beam pipeline options, --name=value (or --name value); --help lists them all.",
                "Writes into --output: labels-NNNNN.avro (one per embedding shard: key, dataset, p_natural, p_rendition,"
                + " label_default, label_strict) and manifest.json (last, with the counts under both threshold sets)."},
        footer = {"", "Example: clipdg label-domains --embeddings=results/embeddings/pool"
                + " --classifier=results/domains/classifier --output=labels/pool"})
public final class LabelDomainsCommand extends BeamStepCommand<LabelDomainsOptions> {
    public LabelDomainsCommand() {
        super(LabelDomainsOptions.class);
    }

    @Override
    protected void run(LabelDomainsOptions options) throws Exception {
        new LabelDomains(options, System.err).execute();
    }
}
