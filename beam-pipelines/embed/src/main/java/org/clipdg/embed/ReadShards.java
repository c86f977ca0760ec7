package org.clipdg.embed;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.WebDatasetReader;
import org.clipdg.core.embedding.Rejection;

/**
 * Streams the samples of each planned dataset shard as {@link EncodedImage}s. Also emits, per
 * shard, how many samples it held ({@link #SAMPLES_PER_SHARD}, so the writer can prove none was
 * lost) and the samples it could not read ({@link #REJECTED}). A shard whose checksum differs from
 * the one recorded at ingestion fails the pipeline: the dataset changed under the manifest.
 */
final class ReadShards extends PTransform<PCollection<EmbeddingFolder.PlannedShard>, PCollectionTuple> {
    static final TupleTag<EncodedImage> IMAGES = new TupleTag<>() {};
    static final TupleTag<KV<Integer, Rejection>> REJECTED = new TupleTag<>() {};
    static final TupleTag<KV<Integer, Long>> SAMPLES_PER_SHARD = new TupleTag<>() {};

    @Override
    public PCollectionTuple expand(PCollection<EmbeddingFolder.PlannedShard> shards) {
        PCollectionTuple read = shards.apply("ReadSamples",
                ParDo.of(new ReadShardFn()).withOutputTags(IMAGES, TupleTagList.of(REJECTED).and(SAMPLES_PER_SHARD)));
        read.get(IMAGES).setCoder(new EncodedImage.Coder());
        read.get(REJECTED).setCoder(rejectionCoder());
        read.get(SAMPLES_PER_SHARD).setCoder(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()));
        return read;
    }

    static KvCoder<Integer, Rejection> rejectionCoder() {
        return KvCoder.of(VarIntCoder.of(), SerializableCoder.of(Rejection.class));
    }

    private static final class ReadShardFn extends DoFn<EmbeddingFolder.PlannedShard, EncodedImage> {
        private final Counter readNanos = EmbedMetrics.counter(EmbedMetrics.READ_NANOS);
        private final Counter rejectedCount = EmbedMetrics.counter(EmbedMetrics.REJECTED);

        @ProcessElement
        public void process(@Element EmbeddingFolder.PlannedShard shard, MultiOutputReceiver out) throws Exception {
            long samples = 0;
            long started = System.nanoTime();
            try (WebDatasetReader reader = new WebDatasetReader(List.of(Path.of(shard.input())))) {
                while (reader.hasNext()) {
                    WebDatasetReader.Entry entry = reader.next();
                    if (entry instanceof WebDatasetReader.Sample sample) {
                        samples++;
                        byte[] image = sample.members().get(IngestedDataset.IMAGE_MEMBER);
                        readNanos.inc(System.nanoTime() - started);
                        if (image == null) {
                            reject(out, shard, sample.key(), "no_image", "sample has no ." + IngestedDataset.IMAGE_MEMBER + " member, has " + sample.members().keySet());
                        } else {
                            out.get(IMAGES).output(new EncodedImage(shard.index(), sample.key(), image));
                        }
                        started = System.nanoTime();
                    } else if (entry instanceof WebDatasetReader.Damage damage) {
                        samples++;
                        reject(out, shard, damage.key(), "damaged_shard", damage.reason());
                    } else if (entry instanceof WebDatasetReader.ShardDone done && !done.sha256().equals(shard.sourceSha256())) {
                        throw new IllegalStateException(shard.input() + ": sha256 " + done.sha256() + " differs from "
                                + shard.sourceSha256() + " recorded in the dataset's manifest: the shard changed after ingestion");
                    }
                }
            }
            out.get(SAMPLES_PER_SHARD).output(KV.of(shard.index(), samples));
        }

        private void reject(MultiOutputReceiver out, EmbeddingFolder.PlannedShard shard, String key, String reason, String detail) {
            rejectedCount.inc();
            out.get(REJECTED).output(KV.of(shard.index(), new Rejection(key, shard.source(), reason, detail)));
        }
    }
}
