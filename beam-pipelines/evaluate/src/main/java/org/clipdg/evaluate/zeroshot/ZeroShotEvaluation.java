package org.clipdg.evaluate.zeroshot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.core.split.Whitelist;
import org.clipdg.evaluate.EvaluatedModel;

/** Evaluates one model zero-shot on its test sets: the tidy table's rows, and the per-image predictions written to {@code out}. */
public final class ZeroShotEvaluation {
    public static final String PREDICTIONS_DIR = "predictions";

    /** A test set: its embeddings under the evaluated model, and its ingested folder. */
    public record TestSet(EmbeddedDataset embeddings, IngestedDataset dataset) {}

    /**
     * The optional analyses: accuracy by 1-NN pool similarity (null: none), accuracy on held-out
     * classes (empty: none) and on clean test sets (test set name to its whitelist; empty: none),
     * and the bootstrap's seed.
     */
    public record Analyses(NearestPoolSimilarity similarity, SimilarityAccuracy.Binning binning, Set<String> heldOutClasses,
            Map<String, Whitelist> cleanTests, long seed) {
        public static final Analyses ACCURACY_ONLY = new Analyses(null, null, Set.of(), Map.of(), 0);
    }

    private final PrintStream progress;

    public ZeroShotEvaluation(PrintStream progress) {
        this.progress = progress;
    }

    public List<MetricRow> run(EvaluatedModel model, String modelId, TextEncoder encoder, List<String> classes,
            List<String> templates, List<TestSet> tests, Analyses analyses, Path out) throws IOException {
        float[][] classEmbeddings = ClassEmbeddings.build(encoder, classes, templates);
        progress.printf("[evaluate %s] %d classes x %d templates embedded%n", model.name(), classes.size(), templates.size());
        Path predictionsDir = Files.createDirectories(out.resolve(PREDICTIONS_DIR));
        List<MetricRow> rows = new ArrayList<>();
        List<TestSetPredictions> all = new ArrayList<>();
        Map<String, double[]> similarity = new HashMap<>();
        for (TestSet test : tests) {
            TestSetPredictions predictions = TestSetPredictions.of(test.embeddings(), test.dataset(), modelId, classes, classEmbeddings);
            List<String> own = test.dataset().manifest().getClasses();
            int allowed = own.isEmpty() ? classes.size() : own.size();
            List<MetricRow> slices = AccuracySlices.of(model, predictions, allowed);
            rows.addAll(slices);
            all.add(predictions);
            if (!analyses.heldOutClasses().isEmpty()) {
                rows.addAll(AccuracySlices.restricted(model, predictions, allowed, "heldout",
                        r -> analyses.heldOutClasses().contains(classes.get(predictions.truth()[r]))));
            }
            Whitelist clean = analyses.cleanTests().get(predictions.testSet());
            if (clean != null) {
                rows.addAll(AccuracySlices.restricted(model, predictions, allowed, "clean",
                        r -> clean.contains(predictions.testSet(), predictions.keys()[r])));
            }
            if (analyses.similarity() != null) {
                similarity.put(predictions.testSet(), analyses.similarity().of(predictions));
            }
            writePredictions(predictionsDir.resolve(predictions.testSet() + ".tsv"), predictions);
            progress.printf(Locale.ROOT, "[evaluate %s] %s: top-1 %.4f on %,d images%n", model.name(), predictions.testSet(),
                    slices.get(0).value(), slices.get(0).n());
        }
        if (analyses.similarity() != null) {
            rows.addAll(SimilarityAccuracy.of(model, all, similarity, analyses.binning()));
        }
        rows.addAll(BackgroundDrop.of(model, all, analyses.seed()));
        return rows;
    }

    private static void writePredictions(Path file, TestSetPredictions predictions) throws IOException {
        StringBuilder tsv = new StringBuilder("key\tlabel\tprediction\tscore\n");
        int classes = predictions.classes().size();
        for (int r = 0; r < predictions.size(); r++) {
            int predicted = predictions.ranking().prediction(r);
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%.6f%n", predictions.keys()[r],
                    predictions.classes().get(predictions.truth()[r]), predictions.classes().get(predicted),
                    predictions.scores()[r * classes + predicted]));
        }
        AtomicFiles.writeString(file, tsv.toString());
    }
}
