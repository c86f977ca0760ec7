package org.clipdg.domains.splits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Hashing;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.domain.LabelledDataset;
import org.clipdg.schema.DomainClassifierCard;

/**
 * The step's inputs, checked against each other: the classifier card, and every dataset joined to
 * its labels, listed in role order (pool, reference, labelled, test), then by name.
 */
record DomainSplitInputs(String cardSha256, DomainClassifierCard card, List<DatasetLabels> datasets) {
    static final String CLASSIFIER_CARD = "classifier_card.json";

    static DomainSplitInputs load(List<Path> labelDirs, List<Path> datasetDirs, Path classifier, PrintStream progress)
            throws IOException {
        Path cardFile = classifier.resolve(CLASSIFIER_CARD);
        if (!Files.isRegularFile(cardFile)) {
            throw new IOException(classifier + ": no " + CLASSIFIER_CARD + ", not a finished domain classifier");
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
            if (!labels.containsKey(dataset.name())) {
                throw new IllegalArgumentException("dataset '" + dataset.name() + "' (" + dir + ") has no --labels folder");
            }
        }
        for (LabelledDataset labelled : labels.values()) {
            if (!datasets.containsKey(labelled.name())) {
                throw new IllegalArgumentException("labels of dataset '" + labelled.name() + "' (" + labelled.dir()
                        + ") have no --datasets folder");
            }
        }
        List<String> pools = datasets.values().stream().filter(d -> d.manifest().getRole().equals("pool"))
                .map(IngestedDataset::name).toList();
        if (pools.size() != 1) {
            throw new IllegalArgumentException("exactly one dataset must have role pool; got " + pools.size() + ": " + pools);
        }
        List<DatasetLabels> joined = new ArrayList<>();
        for (IngestedDataset dataset : datasets.values().stream().sorted(Comparator
                .comparing((IngestedDataset d) -> DatasetLabels.ROLES.indexOf(d.manifest().getRole()))
                .thenComparing(IngestedDataset::name)).toList()) {
            LabelledDataset labelled = labels.get(dataset.name());
            String manifestSha256 = Hashing.sha256(labelled.dir().resolve(LabelledDataset.MANIFEST));
            DatasetLabels samples = DatasetLabels.join(dataset, labelled, manifestSha256);
            progress.printf("[domain-splits] %s (%s): %,d labelled samples%s%n", dataset.name(), dataset.manifest().getRole(),
                    samples.samples().size(), samples.withoutLabel() == 0 ? "" : String.format(
                            "; %,d without a label (no embedding: rejected images) left out of every split", samples.withoutLabel()));
            joined.add(samples);
        }
        return new DomainSplitInputs(cardSha256, card, List.copyOf(joined));
    }

    DatasetLabels pool() {
        return datasets.get(0);
    }
}
