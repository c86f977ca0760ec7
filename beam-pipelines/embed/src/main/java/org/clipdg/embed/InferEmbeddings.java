package org.clipdg.embed;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.clipdg.core.embedding.Rejection;

/**
 * Runs each batch through the image tower (one ONNX Runtime session per JVM, opened in
 * {@code @Setup}) and emits L2-normalised embeddings. An image whose embedding has no direction
 * (zero or non-finite) is rejected rather than written.
 */
final class InferEmbeddings extends PTransform<PCollection<Iterable<ImageTensor>>, PCollectionTuple> {
    static final TupleTag<ImageTensor> EMBEDDINGS = new TupleTag<>() {};
    static final TupleTag<KV<Integer, Rejection>> REJECTED = new TupleTag<>() {};

    private final ImageTower.Settings tower;
    private final List<String> shardNames;

    InferEmbeddings(ImageTower.Settings tower, List<String> shardNames) {
        this.tower = tower;
        this.shardNames = List.copyOf(shardNames);
    }

    @Override
    public PCollectionTuple expand(PCollection<Iterable<ImageTensor>> batches) {
        PCollectionTuple out = batches.apply("RunImageTower",
                ParDo.of(new InferFn(tower, shardNames)).withOutputTags(EMBEDDINGS, TupleTagList.of(REJECTED)));
        out.get(EMBEDDINGS).setCoder(new ImageTensor.Coder());
        out.get(REJECTED).setCoder(ReadShards.rejectionCoder());
        return out;
    }

    private static final class InferFn extends DoFn<Iterable<ImageTensor>, ImageTensor> {
        private final ImageTower.Settings settings;
        private final List<String> shardNames;
        private final Counter nanos = EmbedMetrics.counter(EmbedMetrics.INFERENCE_NANOS);
        private final Counter embedded = EmbedMetrics.counter(EmbedMetrics.EMBEDDED);
        private final Counter rejectedCount = EmbedMetrics.counter(EmbedMetrics.REJECTED);
        private transient ImageTower tower;

        InferFn(ImageTower.Settings settings, List<String> shardNames) {
            this.settings = settings;
            this.shardNames = shardNames;
        }

        @Setup
        public void setup() {
            tower = ImageTower.shared(settings);
        }

        @ProcessElement
        public void process(@Element Iterable<ImageTensor> batch, MultiOutputReceiver out) throws Exception {
            List<ImageTensor> images = new ArrayList<>();
            List<float[]> pixels = new ArrayList<>();
            for (ImageTensor image : batch) {
                images.add(image);
                pixels.add(image.values());
            }
            long started = System.nanoTime();
            float[][] embeddings = tower.embed(pixels);
            nanos.inc(System.nanoTime() - started);
            for (int i = 0; i < images.size(); i++) {
                ImageTensor image = images.get(i);
                if (embeddings[i] == null) {
                    rejectedCount.inc();
                    out.get(REJECTED).output(KV.of(image.shard(), new Rejection(image.key(), shardNames.get(image.shard()),
                            "no_direction", "the model's embedding is zero or not finite")));
                } else {
                    out.get(EMBEDDINGS).output(new ImageTensor(image.shard(), image.key(), embeddings[i]));
                }
            }
            embedded.inc(images.size());
            EmbedMetrics.EMBEDDED_IN_THIS_JVM.addAndGet(images.size());
        }
    }
}
