package org.clipdg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.WebDatasetReader;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.core.text.CaptionTokenizer;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;
import org.clipdg.train.model.ClipModel;

/**
 * Zero-shot top-1 of the model being trained on an ingested test set with one prompt template:
 * a training-time check that the model learns (the evaluation step measures the exported model
 * on every test set with full prompt ensembles).
 */
final class ZeroShotProbe {
    private static final int BATCH = 128;

    private ZeroShotProbe() {}

    record Score(String dataset, long examples, double top1) {}

    static Score top1(ClipModel model, CaptionTokenizer tokenizer, ImagePreprocessor preprocessor, Path datasetDir,
            String template, NDManager manager) throws IOException {
        IngestedDataset dataset = IngestedDataset.open(datasetDir);
        IngestManifest manifest = dataset.manifest();
        List<String> classes = manifest.getClasses();
        if (classes.isEmpty()) {
            throw new IOException(datasetDir + ": dataset '" + manifest.getDataset() + "' has no classes to probe");
        }
        long correct = 0;
        long total = 0;
        try (NDManager scope = model.weights().scope(manager)) {
            NDArray classEmbeddings = ClipModel.normalize(model.encodeText(scope.create(
                    tokenizer.encodeBatch(classes.stream().map(c -> template.replace("{}", c)).toList())), null));
            List<Path> shards = dataset.shards();
            List<float[]> pixels = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            try (WebDatasetReader reader = new WebDatasetReader(shards)) {
                while (reader.hasNext()) {
                    if (reader.next() instanceof WebDatasetReader.Sample sample) {
                        SampleMetadata metadata = AvroJson.fromJson(sample.members().get("json"), SampleMetadata.class,
                                sample.shard() + ":" + sample.key());
                        pixels.add(preprocessor.toChw(decode(sample)));
                        labels.add(classes.indexOf(metadata.getClassName()));
                        if (pixels.size() == BATCH) {
                            correct += countCorrect(model, classEmbeddings, pixels, labels, preprocessor.size(), scope);
                            total += pixels.size();
                            pixels.clear();
                            labels.clear();
                        }
                    }
                }
            }
            if (!pixels.isEmpty()) {
                correct += countCorrect(model, classEmbeddings, pixels, labels, preprocessor.size(), scope);
                total += pixels.size();
            }
        }
        return new Score(manifest.getDataset(), total, total == 0 ? 0 : (double) correct / total);
    }

    private static java.awt.image.BufferedImage decode(WebDatasetReader.Sample sample) throws IOException {
        try {
            return ImageCodec.decodeRgb(sample.members().get(IngestedDataset.IMAGE_MEMBER));
        } catch (ImageCodec.CorruptImageException e) {
            throw new IOException(sample.shard() + ":" + sample.key() + ": " + e.getMessage(), e);
        }
    }

    private static long countCorrect(ClipModel model, NDArray classEmbeddings, List<float[]> pixels,
            List<Integer> labels, int size, NDManager scope) {
        int batch = pixels.size();
        float[] flat = new float[batch * 3 * size * size];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(pixels.get(i), 0, flat, i * pixels.get(i).length, pixels.get(i).length);
        }
        NDArray images = ClipModel.normalize(model.encodeImage(scope.create(flat, new Shape(batch, 3, size, size)), false, null));
        long[] predicted = images.matMul(classEmbeddings.transpose()).argMax(1).toLongArray();
        long correct = 0;
        for (int i = 0; i < batch; i++) {
            correct += predicted[i] == labels.get(i) ? 1 : 0;
        }
        return correct;
    }
}
