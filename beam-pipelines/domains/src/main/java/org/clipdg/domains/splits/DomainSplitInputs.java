package org.clipdg.domains.splits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Hashing;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.domain.LabelledDataset;
import org.clipdg.domains.LabelRule;
import org.clipdg.schema.DomainClassifierCard;

/**
 * The step's inputs, checked against each other: the classifier card (absent when only ground truth
 * is used), and every dataset joined to its labels, listed in role order (pool, reference, labelled,
 * test), then by name.
 */
record DomainSplitInputs(Optional<Classifier> classifier, List<DatasetLabels> datasets) {
    static final String CLASSIFIER_CARD = "classifier_card.json";

    /** The classifier that made the labels: its card, the card file's sha256 and the labelled data's splits. */
    record Classifier(String cardSha256, DomainClassifierCard card, HeldOutSplits heldOut) {}

    /** Datasets joined to the labels the classifier in {@code classifierDir} made. */
    static DomainSplitInputs load(List<Path> labelDirs, List<Path> datasetDirs, Path classifierDir, PrintStream progress)
            throws IOException {
        Path cardFile = classifierDir.resolve(CLASSIFIER_CARD);
        if (!Files.isRegularFile(cardFile)) {
            throw new IOException(classifierDir + ": no " + CLASSIFIER_CARD + ", not a finished domain classifier");
        }
        String cardSha256 = Hashing.sha256(cardFile);
        DomainClassifierCard card = AvroJson.read(cardFile, DomainClassifierCard.class);
        Map<String, LabelledDataset> labels = new TreeMap<>();
        for (Path dir : labelDirs) {
            LabelledDataset labelled = LabelledDataset.open(dir);
            if (labels.put(labelled.name(), labelled) != null) {
                throw new IllegalArgumentException("--labels: two folders label dataset '" + labelled.name() + "'");
            }
            if (!labelled.manifest().getClassifierCardSha256().equals(cardSha256)) {
                throw new IllegalArgumentException(dir + ": the labels of '" + labelled.name() + "' come from the classifier"
                        + " card with sha256 " + labelled.manifest().getClassifierCardSha256() + ", but " + cardFile
                        + " has sha256 " + cardSha256 + "; label with this classifier or pass the one that labelled them");
            }
        }
        List<IngestedDataset> datasets = openDatasets(datasetDirs);
        for (IngestedDataset dataset : datasets) {
            if (!labels.containsKey(dataset.name())) {
                throw new IllegalArgumentException("dataset '" + dataset.name() + "' (" + dataset.dir() + ") has no --labels folder");
            }
        }
        for (LabelledDataset labelled : labels.values()) {
            if (datasets.stream().noneMatch(d -> d.name().equals(labelled.name()))) {
                throw new IllegalArgumentException("labels of dataset '" + labelled.name() + "' (" + labelled.dir()
                        + ") have no --datasets folder");
            }
        }
        List<DatasetLabels> joined = new ArrayList<>();
        for (IngestedDataset dataset : datasets) {
            LabelledDataset labelled = labels.get(dataset.name());
            String manifestSha256 = Hashing.sha256(labelled.dir().resolve(LabelledDataset.MANIFEST));
            DatasetLabels samples = DatasetLabels.join(dataset, labelled, manifestSha256);
            progress.printf("[domain-splits] %s (%s): %,d labelled samples%s%n", dataset.name(), dataset.manifest().getRole(),
                    samples.samples().size(), samples.withoutLabel() == 0 ? "" : String.format(
                            "; %,d without a label (no embedding: rejected images) left out of every split", samples.withoutLabel()));
            joined.add(samples);
        }
        HeldOutSplits heldOut = HeldOutSplits.load(classifierDir, card, joined);
        return new DomainSplitInputs(Optional.of(new Classifier(cardSha256, card, heldOut)), List.copyOf(joined));
    }

    /** Datasets with their ground truth only: no classifier, so no classifier labels. */
    static DomainSplitInputs groundTruth(List<Path> datasetDirs, PrintStream progress) throws IOException {
        List<DatasetLabels> datasets = new ArrayList<>();
        for (IngestedDataset dataset : openDatasets(datasetDirs)) {
            DatasetLabels samples = DatasetLabels.groundTruth(dataset);
            progress.printf("[domain-splits] %s (%s): %,d samples, ground truth only%n", dataset.name(),
                    dataset.manifest().getRole(), samples.samples().size());
            datasets.add(samples);
        }
        return new DomainSplitInputs(Optional.empty(), List.copyOf(datasets));
    }

    /** The datasets in role order, then by name; at least one is a pool, and all pools are one pool. */
    private static List<IngestedDataset> openDatasets(List<Path> datasetDirs) throws IOException {
        Map<String, IngestedDataset> datasets = new TreeMap<>();
        for (Path dir : datasetDirs) {
            IngestedDataset dataset = IngestedDataset.open(dir);
            if (datasets.put(dataset.name(), dataset) != null) {
                throw new IllegalArgumentException("--datasets: two folders hold dataset '" + dataset.name() + "'");
            }
            if (!DatasetLabels.ROLES.contains(dataset.manifest().getRole())) {
                throw new IllegalArgumentException(dir + ": dataset '" + dataset.name() + "' has role '"
                        + dataset.manifest().getRole() + "'; expected one of " + DatasetLabels.ROLES);
            }
        }
        List<String> pools = datasets.values().stream().filter(d -> d.manifest().getRole().equals("pool"))
                .map(IngestedDataset::name).toList();
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("no dataset has role pool");
        }
        return datasets.values().stream().sorted(Comparator
                .comparing((IngestedDataset d) -> DatasetLabels.ROLES.indexOf(d.manifest().getRole()))
                .thenComparing(IngestedDataset::name)).toList();
    }

    /** The pool's name in messages and seeds: its datasets' names joined by '+'. */
    String poolName() {
        return String.join("+", pools().stream().map(DatasetLabels::name).toList());
    }

    List<DatasetLabels> pools() {
        return datasets.stream().filter(DatasetLabels::isPool).toList();
    }

    /** The same inputs with the pool's samples labelled under the pool-adjusted strict thresholds. */
    DomainSplitInputs withLabelsStrictPool(LabelRule poolRule) {
        return new DomainSplitInputs(classifier, datasets.stream()
                .map(dataset -> dataset.isPool() ? dataset.withLabelsStrictPool(poolRule) : dataset).toList());
    }
}
