package org.clipdg.domains.splits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.domain.LabelledDataset;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.core.split.SeededOrder;
import org.clipdg.domains.LabelRule;
import org.clipdg.schema.DomainLabel;

/**
 * One dataset's samples, each joined to its domain labels; {@code labelManifestSha256} identifies
 * the labels read ("" for ground truth only, where every classifier label is "").
 */
record DatasetLabels(IngestedDataset dataset, String labelManifestSha256, List<LabelledSample> samples, long withoutLabel) {
    /** Roles in the order datasets are listed (that of a samplesheet: training data first). */
    static final List<String> ROLES = List.of("pool", "reference", "labelled", "test");


    String name() {
        return dataset.name();
    }

    String role() {
        return dataset.manifest().getRole();
    }

    boolean isPool() {
        return role().equals(Role.POOL.id());
    }

    /** The same samples, each with its label under the pool-adjusted strict thresholds. */
    DatasetLabels withLabelsStrictPool(LabelRule poolRule) {
        List<LabelledSample> labelled = samples.stream()
                .map(s -> s.withLabelStrictPool(poolRule.strictLabel(s.pNatural(), s.pRendition()))).toList();
        return new DatasetLabels(dataset, labelManifestSha256, labelled, withoutLabel);
    }

    /**
     * The samples of one or more datasets in {@link SeededOrder} of (dataset, key): the first N of it
     * are the seeded subset of N.
     */
    static List<LabelledSample> inSeededOrder(List<DatasetLabels> datasets, long seed) {
        record Ranked(String rank, LabelledSample sample) {}
        return datasets.stream().flatMap(d -> d.samples().stream())
                .map(sample -> new Ranked(SeededOrder.rank(seed, sample.dataset(), sample.key()), sample))
                .sorted(Comparator.comparing(Ranked::rank))
                .map(Ranked::sample)
                .toList();
    }

    /**
     * Joins every ingested sample to its label by key. A sample without a label (its image was
     * rejected by the embedding step, so it has no embedding) is left out and counted; a label
     * without a sample is an error.
     */
    static DatasetLabels join(IngestedDataset dataset, LabelledDataset labels, String labelManifestSha256) throws IOException {
        String name = dataset.name();
        Map<String, DomainLabel> byKey = new HashMap<>();
        labels.forEach(label -> {
            if (!label.getDataset().equals(name)) {
                throw new IllegalArgumentException(labels.dir() + ": label of key '" + label.getKey() + "' is for dataset '"
                        + label.getDataset() + "', not '" + name + "'");
            }
            checkLabel(name, label, label.getLabelDefault());
            checkLabel(name, label, label.getLabelStrict());
            if (byKey.put(label.getKey(), label) != null) {
                throw new IllegalArgumentException("dataset '" + name + "': key '" + label.getKey() + "' is labelled twice in "
                        + labels.dir());
            }
        });
        List<LabelledSample> samples = new ArrayList<>(byKey.size());
        long[] withoutLabel = new long[1];
        dataset.forEachMetadata(metadata -> {
            DomainLabel label = byKey.remove(metadata.getKey());
            if (label == null) {
                withoutLabel[0]++;
                return;
            }
            samples.add(new LabelledSample(name, metadata.getKey(), label.getPNatural(), label.getPRendition(), label.getLabelDefault(),
                    label.getLabelStrict(), "", metadata.getDomain(), metadata.getDomainLabel(), metadata.getClassName()));
        });
        if (!byKey.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + name + "': " + labels.dir() + " labels key '"
                    + new TreeSet<>(byKey.keySet()).first() + "', which is not a sample of " + dataset.dir() + " ("
                    + byKey.size() + " such label(s))");
        }
        return new DatasetLabels(dataset, labelManifestSha256, List.copyOf(samples), withoutLabel[0]);
    }

    /** Every sample of the dataset with its ground truth and no classifier labels. */
    static DatasetLabels groundTruth(IngestedDataset dataset) throws IOException {
        List<LabelledSample> samples = new ArrayList<>();
        dataset.forEachMetadata(metadata -> samples.add(new LabelledSample(dataset.name(), metadata.getKey(), Float.NaN, Float.NaN, "", "", "",
                metadata.getDomain(), metadata.getDomainLabel(), metadata.getClassName())));
        return new DatasetLabels(dataset, "", List.copyOf(samples), 0);
    }

    private static void checkLabel(String dataset, DomainLabel label, String value) {
        if (!DomainLabels.LABELS.contains(value)) {
            throw new IllegalArgumentException("dataset '" + dataset + "': key '" + label.getKey() + "' has label '" + value
                    + "'; expected natural, ambiguous or rendition");
        }
    }
}
