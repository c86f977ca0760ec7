package org.clipdg.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.clipdg.core.beam.BeamRunners;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "embed",
        description = {"Embeds the images of one ingested dataset with a CLIP image tower (ONNX Runtime) in an Apache Beam"
                + " pipeline, on the DirectRunner (default) or Flink (--runner=FlinkRunner --flinkMaster=[local] or host:port).",
                "Options are Beam pipeline options, --name=value (or --name value); --help lists them all.",
                "Writes into --output: embeddings-NNNNN.avro (one per dataset shard), rejected.tsv, manifest.json (last).",
                "Resumes: shards already written by an interrupted run are kept."},
        footer = {"", "Example: clipdg embed --dataset=results/datasets/photo_val --model=results/models/reference_clip"
                + " --output=emb/photo_val --runner=FlinkRunner --flinkMaster=[local]"})
public final class EmbedCommand implements Callable<Integer> {

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
            PipelineOptionsFactory.printHelp(System.out, EmbedImagesOptions.class);
            return 0;
        }
        EmbedImagesOptions options = BeamRunners.options(arguments, EmbedImagesOptions.class);
        new EmbedImages(options, System.err).execute();
        return 0;
    }
}
