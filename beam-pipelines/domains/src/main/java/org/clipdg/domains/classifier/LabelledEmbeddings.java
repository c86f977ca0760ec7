package org.clipdg.domains.classifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.SampleMetadata;

/**
 * The classifier's training data: every labelled sample's embedding with its domain label (from
 * the record's metadata, else its domain, else the dataset's samplesheet domain). Samples whose
 * image the embedding step rejected have no embedding: they are counted, not used.
 */
public record LabelledEmbeddings(String[] datasets, String[] keys, String[] labels, FloatBuffer vectors, int dimension,
        String modelCardSha256, long skippedWithoutEmbedding) {

    /** One labelled dataset: its embeddings and its ingested folder (for the labels). */
    public record Source(EmbeddedDataset embeddings, IngestedDataset dataset) {}

    public int size() {
        return keys.length;
    }

    public static LabelledEmbeddings read(List<Source> sources) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no labelled dataset given");
        }
        String model = sources.get(0).embeddings().manifest().getModelCardSha256();
        int dimension = sources.get(0).embeddings().dimension();
        List<String> datasets = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<VectorBlock> blocks = new ArrayList<>();
        long skipped = 0;
        for (Source source : sources) {
            EmbeddedDataset embeddings = source.embeddings();
            if (!embeddings.name().equals(source.dataset().name())) {
                throw new IllegalArgumentException(embeddings.dir() + " holds embeddings of '" + embeddings.name()
                        + "' but was paired with dataset '" + source.dataset().name() + "' (" + source.dataset().dir() + ")");
            }
            if (!embeddings.manifest().getModelCardSha256().equals(model) || embeddings.dimension() != dimension) {
                throw new IllegalArgumentException(embeddings.dir() + ": embeddings of model " + embeddings.manifest().getModelCardSha256()
                        + " (" + embeddings.dimension() + "-d), but " + sources.get(0).embeddings().dir() + " has model " + model
                        + " (" + dimension + "-d); one classifier works in one embedding space");
            }
            Map<String, String> labelOf = labels(source.dataset());
            VectorBlock block = VectorBlock.readAll(embeddings, model);
            for (String key : block.keys()) {
                String label = labelOf.remove(key);
                if (label == null) {
                    throw new IOException(embeddings.dir() + ": embedding of key '" + key + "', which dataset "
                            + source.dataset().dir() + " does not hold");
                }
                datasets.add(embeddings.name());
                keys.add(key);
                labels.add(label);
            }
            skipped += labelOf.size();
            blocks.add(block);
        }
        FloatBuffer vectors = ByteBuffer.allocateDirect(Math.multiplyExact(keys.size() * 4, dimension))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (VectorBlock block : blocks) {
            vectors.put(block.vectors().duplicate());
        }
        return new LabelledEmbeddings(datasets.toArray(String[]::new), keys.toArray(String[]::new), labels.toArray(String[]::new),
                vectors.flip(), dimension, model, skipped);
    }

    /** key -> domain label of every sample of the dataset; a sample without one is an error naming it. */
    private static Map<String, String> labels(IngestedDataset dataset) throws IOException {
        Map<String, String> labels = new HashMap<>();
        List<String> unlabelled = new ArrayList<>();
        String datasetDomain = dataset.manifest().getDomain();
        dataset.forEachMetadata((SampleMetadata sample) -> {
            String label = sample.getDomainLabel();
            if (label.isEmpty()) {
                label = DomainLabels.labelOf(sample.getDomain().isEmpty() ? datasetDomain : sample.getDomain());
            }
            if (label.isEmpty()) {
                unlabelled.add(sample.getKey());
            }
            labels.put(sample.getKey(), label);
        });
        if (!unlabelled.isEmpty()) {
            throw new IOException(dataset.dir() + ": " + unlabelled.size() + " sample(s) without a domain label (natural,"
                    + " rendition or ambiguous in the record's domain_label, or a known domain), first: key '" + unlabelled.get(0) + "'");
        }
        return labels;
    }
}
