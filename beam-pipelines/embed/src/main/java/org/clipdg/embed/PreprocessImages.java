package org.clipdg.embed;

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
import org.clipdg.core.ImageCodec;
import org.clipdg.core.embedding.Rejection;
import org.clipdg.core.image.ImagePreprocessor;

/**
 * Decodes each image and applies the model card's preprocessing (the code the trainer uses), giving
 * CHW float pixels. Decoding and preprocessing share one step: a decoded image between two steps
 * would need a coder and a copy for nothing. Images that cannot be decoded go to {@link #REJECTED}.
 */
final class PreprocessImages extends PTransform<PCollection<EncodedImage>, PCollectionTuple> {
    static final TupleTag<ImageTensor> PIXELS = new TupleTag<>() {};
    static final TupleTag<KV<Integer, Rejection>> REJECTED = new TupleTag<>() {};

    private final int size;
    private final float[] mean;
    private final float[] std;
    private final List<String> shardNames;

    PreprocessImages(ImagePreprocessor preprocessor, List<String> shardNames) {
        this.size = preprocessor.size();
        this.mean = preprocessor.mean();
        this.std = preprocessor.std();
        this.shardNames = List.copyOf(shardNames);
    }

    @Override
    public PCollectionTuple expand(PCollection<EncodedImage> images) {
        PCollectionTuple out = images.apply("DecodeResizeCropNormalise",
                ParDo.of(new PreprocessFn(size, mean, std, shardNames)).withOutputTags(PIXELS, TupleTagList.of(REJECTED)));
        out.get(PIXELS).setCoder(new ImageTensor.Coder());
        out.get(REJECTED).setCoder(ReadShards.rejectionCoder());
        return out;
    }

    private static final class PreprocessFn extends DoFn<EncodedImage, ImageTensor> {
        private final int size;
        private final float[] mean;
        private final float[] std;
        private final List<String> shardNames;
        private final Counter nanos = EmbedMetrics.counter(EmbedMetrics.PREPROCESS_NANOS);
        private final Counter rejectedCount = EmbedMetrics.counter(EmbedMetrics.REJECTED);
        private transient ImagePreprocessor preprocessor;

        PreprocessFn(int size, float[] mean, float[] std, List<String> shardNames) {
            this.size = size;
            this.mean = mean;
            this.std = std;
            this.shardNames = shardNames;
        }

        @Setup
        public void setup() {
            preprocessor = new ImagePreprocessor(size, mean, std);
        }

        @ProcessElement
        public void process(@Element EncodedImage image, MultiOutputReceiver out) {
            long started = System.nanoTime();
            try {
                float[] pixels = preprocessor.toChw(ImageCodec.decodeRgb(image.bytes()));
                out.get(PIXELS).output(new ImageTensor(image.shard(), image.key(), pixels));
            } catch (ImageCodec.CorruptImageException e) {
                rejectedCount.inc();
                out.get(REJECTED).output(KV.of(image.shard(),
                        new Rejection(image.key(), shardNames.get(image.shard()), "corrupt_image", e.getMessage())));
            } finally {
                nanos.inc(System.nanoTime() - started);
            }
        }
    }
}
