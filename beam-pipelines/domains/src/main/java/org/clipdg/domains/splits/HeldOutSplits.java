package org.clipdg.domains.splits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clipdg.core.Hashing;
import org.clipdg.domains.classifier.DataSplit;
import org.clipdg.domains.classifier.TrainingData;
import org.clipdg.schema.DomainClassifierCard;

/**
 * The labelled data's splits as the classifier was trained and checked on them, rebuilt without
 * running it: training_data.tsv (the one the card names by sha256) gives each sample's true label
 * and split, the labelled datasets' labels give its probabilities, computed by the labelling step
 * exactly as for every other dataset.
 *
 * @param classes the classifier's classes
 * @param trainCounts samples of each class in the train split, in the order of {@code classes}
 */
record HeldOutSplits(List<String> classes, long[] trainCounts, HeldOut validation, HeldOut test) {
    /** One held-out split: each sample with its true label. */
    record HeldOut(List<String> truth, List<LabelledSample> samples) {
        /** Each class's share of the split's true labels. */
        double[] prior(List<String> classes) {
            long[] counts = new long[classes.size()];
            truth.forEach(label -> counts[classes.indexOf(label)]++);
            return shares(counts);
        }
    }

    /** Each class's share of the train split: the prior the classifier learned. */
    double[] trainPrior() {
        return shares(trainCounts);
    }

    private static double[] shares(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double[] shares = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            shares[c] = counts[c] / (double) total;
        }
        return shares;
    }

    static HeldOutSplits load(Path classifierDir, DomainClassifierCard card, List<DatasetLabels> datasets) throws IOException {
        Path file = classifierDir.resolve(TrainingData.FILE);
        List<TrainingData.Sample> rows = TrainingData.read(file);
        String sha256 = Hashing.sha256(file);
        if (!sha256.equals(card.getTrainingDataSha256())) {
            throw new IllegalArgumentException(file + " has sha256 " + sha256 + ", but the classifier card names "
                    + card.getTrainingDataSha256() + "; the classifier folder was changed after training");
        }
        List<String> classes = card.getClasses();
        Map<String, Map<String, LabelledSample>> byDataset = new HashMap<>();
        long[] trainCounts = new long[classes.size()];
        Map<String, List<TrainingData.Sample>> heldOut = Map.of(DataSplit.VALIDATION, new ArrayList<>(), DataSplit.TEST,
                new ArrayList<>());
        for (TrainingData.Sample row : rows) {
            if (!classes.contains(row.label())) {
                throw new IllegalArgumentException(file + ": sample '" + row.key() + "' has label '" + row.label()
                        + "', not a class of the classifier " + classes);
            }
            if (row.split().equals(DataSplit.TRAIN)) {
                trainCounts[classes.indexOf(row.label())]++;
            } else if (heldOut.containsKey(row.split())) {
                heldOut.get(row.split()).add(row);
            } else {
                throw new IllegalArgumentException(file + ": sample '" + row.key() + "' is in split '" + row.split()
                        + "'; expected one of " + DataSplit.PARTS);
            }
        }
        for (int c = 0; c < classes.size(); c++) {
            if (trainCounts[c] == 0) {
                throw new IllegalArgumentException(file + ": no train sample of class '" + classes.get(c)
                        + "', so the classifier's training prior is unknown");
            }
        }
        Function<TrainingData.Sample, LabelledSample> find = row -> byDataset
                .computeIfAbsent(row.dataset(), name -> samplesByKey(name, datasets, file)).get(row.key());
        return new HeldOutSplits(classes, trainCounts, heldOut(heldOut.get(DataSplit.VALIDATION), find, file),
                heldOut(heldOut.get(DataSplit.TEST), find, file));
    }

    private static HeldOut heldOut(List<TrainingData.Sample> rows, Function<TrainingData.Sample, LabelledSample> find,
            Path file) {
        List<LabelledSample> samples = new ArrayList<>();
        for (TrainingData.Sample row : rows) {
            LabelledSample sample = find.apply(row);
            if (sample == null) {
                throw new IllegalArgumentException(file + ": sample '" + row.key() + "' of split " + row.split()
                        + " has no label in dataset '" + row.dataset() + "'");
            }
            samples.add(sample);
        }
        return new HeldOut(rows.stream().map(TrainingData.Sample::label).toList(), samples);
    }

    private static Map<String, LabelledSample> samplesByKey(String name, List<DatasetLabels> datasets, Path file) {
        DatasetLabels dataset = datasets.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " names dataset '" + name + "', which has no --labels and"
                        + " --datasets folder here; the labelled datasets' labels rebuild the held-out splits"));
        return dataset.samples().stream().collect(Collectors.toMap(LabelledSample::key, sample -> sample));
    }
}
