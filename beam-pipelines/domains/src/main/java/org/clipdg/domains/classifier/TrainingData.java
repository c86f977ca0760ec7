package org.clipdg.domains.classifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.TsvTable;
import org.clipdg.domains.LabelRule;

/**
 * training_data.tsv of a classifier folder: every labelled sample with its true label, its split,
 * the classifier's probabilities and its labels. The domain-splits step reads it back to rebuild
 * the held-out splits.
 */
public final class TrainingData {
    public static final String FILE = "training_data.tsv";
    private static final String DATASET = "dataset";
    private static final String KEY = "key";
    private static final String LABEL = "label";
    private static final String SPLIT = "split";
    private static final List<String> COLUMNS = List.of(DATASET, KEY, LABEL, SPLIT, "p_natural", "p_rendition", "label_default",
            "label_strict");

    /** One labelled sample: its dataset and key, its true label and its split ({@link DataSplit}). */
    public record Sample(String dataset, String key, String label, String split) {}

    private TrainingData() {}

    static void write(Path file, String[] datasets, String[] keys, String[] labels, String[] parts, LabelRule.Labels[] labelled)
            throws IOException {
        StringBuilder tsv = new StringBuilder(String.join("\t", COLUMNS)).append('\n');
        for (int i = 0; i < keys.length; i++) {
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%.6f\t%.6f\t%s\t%s%n", datasets[i], keys[i], labels[i], parts[i],
                    labelled[i].pNatural(), labelled[i].pRendition(), labelled[i].defaultLabel(), labelled[i].strictLabel()));
        }
        AtomicFiles.writeString(file, tsv.toString());
    }

    public static List<Sample> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; a classifier folder holds the " + FILE + " it was trained on");
        }
        List<String> header = TsvTable.header(file);
        if (!header.containsAll(List.of(DATASET, KEY, LABEL, SPLIT))) {
            throw new IOException(file + ": columns " + header + ", expected " + COLUMNS);
        }
        List<Sample> samples = new ArrayList<>();
        for (Map<String, String> row : TsvTable.read(file)) {
            samples.add(new Sample(row.get(DATASET), row.get(KEY), row.get(LABEL), row.get(SPLIT)));
        }
        return samples;
    }
}
