package org.clipdg.domains.classifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.DomainThresholdSets;
import org.clipdg.core.Hashing;
import org.clipdg.domains.ClassifierSession;
import org.clipdg.domains.DomainClassifier;
import org.clipdg.domains.LabelRule;
import org.clipdg.schema.DomainClassifierCard;
import org.clipdg.schema.LabelMetrics;

/**
 * Trains the natural-vs-rendition classifier on the train split, chooses the strict thresholds on
 * the validation split, measures both threshold sets on every split (the test split is what to
 * report), and writes the classifier folder. The card is written last; if the target precision
 * cannot be reached nothing is written.
 */
public final class DomainClassifierTraining {
    public static final String METRICS = "metrics.tsv";
    private static final int BATCH = 4096;

    public record Settings(DomainNetwork.Kind model, double targetPrecision, long seed, int epochs, int threads) {}

    private final Settings settings;
    private final PrintStream progress;

    public DomainClassifierTraining(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public DomainClassifierCard run(List<LabelledEmbeddings.Source> sources, Path out) throws IOException {
        LabelledEmbeddings data = LabelledEmbeddings.read(sources);
        for (String needed : List.of(DomainLabels.NATURAL, DomainLabels.RENDITION)) {
            if (!Arrays.asList(data.labels()).contains(needed)) {
                throw new IllegalArgumentException("the labelled data has no '" + needed + "' sample; the classifier needs"
                        + " natural and rendition examples (labels found: " + counts(data.labels()) + ")");
            }
        }
        String[] parts = DataSplit.assign(data.datasets(), data.keys(), data.labels(), settings.seed());
        progress.printf("[domain-classifier] %,d labelled samples %s; %,d without embedding skipped; split %s%n", data.size(),
                counts(data.labels()), data.skippedWithoutEmbedding(), counts(parts));
        boolean[] train = new boolean[data.size()];
        for (int i = 0; i < train.length; i++) {
            train[i] = parts[i].equals(DataSplit.TRAIN);
        }
        DomainNetwork.Trained trained = new DomainNetwork(settings.model(), settings.epochs(), settings.seed(), progress)
                .train(data.vectors(), data.dimension(), data.labels(), train);
        float[] probabilities;
        String inputName;
        String outputName;
        try (ClassifierSession session = ClassifierSession.open(trained.onnx(), "the trained classifier", data.dimension(),
                trained.classes().size(), settings.threads())) {
            probabilities = score(session, data, trained.classes().size());
            inputName = session.inputName();
            outputName = session.outputName();
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (String label : List.of(DomainLabels.NATURAL, DomainLabels.RENDITION)) {
            StrictThreshold.Choice choice = strictThreshold(probabilities, trained.classes(), data.labels(), parts, label);
            thresholds.put(label, choice.threshold());
            progress.printf(Locale.ROOT, "[domain-classifier] strict %s threshold %.6f: validation precision %.4f over %d samples%n",
                    label, choice.threshold(), choice.precision(), choice.passing());
        }
        LabelRule rule = LabelRule.of(trained.classes(), thresholds);
        LabelRule.Labels[] labelled = new LabelRule.Labels[data.size()];
        Arrays.setAll(labelled, i -> rule.apply(probabilities, i));
        List<LabelMetrics> metrics = metrics(data.labels(), parts, labelled);
        return write(out, data, parts, labelled, trained, inputName, outputName, thresholds, metrics, sources);
    }

    private static float[] score(ClassifierSession session, LabelledEmbeddings data, int classes) throws IOException {
        float[] all = new float[data.size() * classes];
        for (int start = 0; start < data.size(); start += BATCH) {
            int rows = Math.min(BATCH, data.size() - start);
            float[] batch = session.probabilities(data.vectors().position(start * data.dimension()), rows);
            System.arraycopy(batch, 0, all, start * classes, batch.length);
        }
        data.vectors().position(0);
        return all;
    }

    private StrictThreshold.Choice strictThreshold(float[] probabilities, List<String> classes, String[] labels, String[] parts,
            String label) {
        int column = classes.indexOf(label);
        List<Integer> validation = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (parts[i].equals(DataSplit.VALIDATION)) {
                validation.add(i);
            }
        }
        float[] scores = new float[validation.size()];
        boolean[] positive = new boolean[validation.size()];
        for (int n = 0; n < validation.size(); n++) {
            int i = validation.get(n);
            scores[n] = probabilities[i * classes.size() + column];
            positive[n] = labels[i].equals(label);
        }
        return StrictThreshold.select(scores, positive, settings.targetPrecision(),
                "strict " + label + " threshold on the validation split");
    }

    /** Precision, recall and coverage of each label, per split and threshold set. */
    static List<LabelMetrics> metrics(String[] truth, String[] parts, LabelRule.Labels[] labelled) {
        List<LabelMetrics> rows = new ArrayList<>();
        for (String part : DataSplit.PARTS) {
            for (String thresholds : List.of(DomainThresholdSets.DEFAULT, DomainThresholdSets.STRICT)) {
                for (String label : DomainLabels.LABELS) {
                    long samples = 0;
                    long actual = 0;
                    long predicted = 0;
                    long correct = 0;
                    for (int i = 0; i < truth.length; i++) {
                        if (!parts[i].equals(part)) {
                            continue;
                        }
                        String given = thresholds.equals(DomainThresholdSets.DEFAULT) ? labelled[i].defaultLabel()
                                : labelled[i].strictLabel();
                        samples++;
                        actual += truth[i].equals(label) ? 1 : 0;
                        predicted += given.equals(label) ? 1 : 0;
                        correct += given.equals(label) && truth[i].equals(label) ? 1 : 0;
                    }
                    rows.add(new LabelMetrics(part, thresholds, label, actual, predicted, correct, ratio(correct, predicted),
                            ratio(correct, actual), ratio(predicted, samples)));
                }
            }
        }
        return rows;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static String format(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private DomainClassifierCard write(Path out, LabelledEmbeddings data, String[] parts, LabelRule.Labels[] labelled,
            DomainNetwork.Trained trained, String inputName, String outputName, Map<String, Double> thresholds,
            List<LabelMetrics> metrics, List<LabelledEmbeddings.Source> sources) throws IOException {
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(DomainClassifier.CARD));
        AtomicFiles.write(out.resolve(DomainClassifier.ONNX), stream -> stream.write(trained.onnx()));
        TrainingData.write(out.resolve(TrainingData.FILE), data.datasets(), data.keys(), data.labels(), parts, labelled);
        StringBuilder table = new StringBuilder("split\tthresholds\tlabel\tactual\tpredicted\tcorrect\tprecision\trecall\tcoverage\n");
        for (LabelMetrics m : metrics) {
            table.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s%n", m.getSplit(), m.getThresholds(),
                    m.getLabel(), m.getActual(), m.getPredicted(), m.getCorrect(), format(m.getPrecision()), format(m.getRecall()),
                    format(m.getCoverage())));
        }
        AtomicFiles.writeString(out.resolve(METRICS), table.toString());
        StringBuilder manifests = new StringBuilder();
        for (LabelledEmbeddings.Source source : sources) {
            manifests.append(Hashing.sha256(source.embeddings().dir().resolve("manifest.json"))).append('\n');
        }
        DomainClassifierCard card = DomainClassifierCard.newBuilder()
                .setOnnxFile(DomainClassifier.ONNX)
                .setOnnxSha256(Hashing.sha256(trained.onnx()))
                .setInputName(inputName)
                .setOutputName(outputName)
                .setClasses(trained.classes())
                .setInputDimension(data.dimension())
                .setModelCardSha256(data.modelCardSha256())
                .setTrainingDataset(String.join(",", sources.stream().map(s -> s.dataset().name()).toList()))
                .setEmbeddingManifestSha256(sources.size() == 1 ? manifests.toString().trim()
                        : Hashing.sha256(manifests.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setTrainingDataSha256(Hashing.sha256(out.resolve(TrainingData.FILE)))
                .setSeed(settings.seed())
                .setTargetPrecision(settings.targetPrecision())
                .setStrictThresholds(thresholds)
                .setMetrics(metrics)
                .setTrainer(trained.trainer())
                .setToolVersion(ClipdgVersion.get())
                .build();
        AvroJson.write(out.resolve(DomainClassifier.CARD), card);
        for (LabelMetrics m : metrics) {
            if (m.getSplit().equals(DataSplit.TEST) && !m.getLabel().equals(DomainLabels.AMBIGUOUS)) {
                progress.printf(Locale.ROOT, "[domain-classifier] test split, %s thresholds, %s: precision %s, recall %s,"
                        + " coverage %s%n", m.getThresholds(), m.getLabel(), format(m.getPrecision()), format(m.getRecall()),
                        format(m.getCoverage()));
            }
        }
        return card;
    }

    private static String counts(String[] values) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String value : values) {
            counts.merge(value, 1, Integer::sum);
        }
        return counts.toString();
    }
}
