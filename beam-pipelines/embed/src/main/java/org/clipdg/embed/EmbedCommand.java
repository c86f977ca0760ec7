package org.clipdg.embed;

import org.clipdg.core.Chunk;
import org.clipdg.core.beam.BeamStepCommand;
import picocli.CommandLine.Command;

@Command(name = "embed",
        description = {"Embeds the images of one ingested dataset with a CLIP image tower (ONNX Runtime) in an Apache Beam"
                + " pipeline, on the DirectRunner (default) or Flink (--runner=FlinkRunner --flinkMaster=[local] or host:port).",
                "Options are Beam pipeline options, --name=value (or --name value); --help lists them all.",
                "Writes into --output: embeddings-NNNNN.avro (one per dataset shard), rejected.tsv, manifest.json (last).",
                "Resumes: shards already written by an interrupted run are kept.",
                "A large dataset in several tasks: --shardGroup=I/N for I = 0..N-1, then clipdg embed-merge."},
        footer = {"", "Example: clipdg embed --dataset=results/datasets/photo_val --model=results/models/reference_clip"
                + " --output=emb/photo_val --runner=FlinkRunner --flinkMaster=[local]"})
public final class EmbedCommand extends BeamStepCommand<EmbedImagesOptions> {
    public EmbedCommand() {
        super(EmbedImagesOptions.class);
    }

    @Override
    protected void run(EmbedImagesOptions options) throws Exception {
        EmbedImages step = new EmbedImages(options, System.err);
        if (Chunk.parse(options.getShardGroup()).count() > 1) {
            step.embedShardGroup();
        } else {
            step.execute();
        }
    }
}
