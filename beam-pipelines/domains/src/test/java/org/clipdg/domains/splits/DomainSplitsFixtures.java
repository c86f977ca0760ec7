package org.clipdg.domains.splits;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.Hashing;
import org.clipdg.core.IngestedFixtures;
import org.clipdg.core.domain.LabelledDataset;
import org.clipdg.domains.classifier.TrainingData;
import org.clipdg.schema.DomainClassifierCard;
import org.clipdg.schema.DomainLabel;
import org.clipdg.schema.DomainLabelManifest;
import org.clipdg.schema.LabelMetrics;
import org.clipdg.schema.LabelShard;
import org.clipdg.schema.SampleMetadata;
import picocli.CommandLine;

/**
 * Hand-built inputs of the domain-splits step: ingested datasets (manifest.json and WebDataset
 * shards of {@code <key>.json} metadata), their label folders and a classifier card, under
 * {@code <root>/datasets/<name>}, {@code <root>/labels/<name>} and {@code <root>/classifier}.
 */
final class DomainSplitsFixtures {
    static final String N = "natural";
    static final String A = "ambiguous";
    static final String R = "rendition";
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /**
     * The pool "web": strict labels 4 natural (p00 p01 p03 p11), 4 ambiguous, 4 rendition (p04 p05 p09 p10);
     * default labels 6 natural (p00-p03 p08 p11), 1 ambiguous (p07), 5 rendition (p04-p06 p09 p10).
     * Ground truth: photo p00-p03 p11, sketch p04-p06, mixed p07 p08, clipart p09 p10.
     */
    static final List<Row> POOL = List.of(
            row("p00", N, N, "photo", N, "circle"),
            row("p01", N, N, "photo", "", "square"),
            row("p02", N, A, "photo", N, "star"),
            row("p03", N, N, "photo", N, "circle"),
            row("p04", R, R, "sketch", R, "circle"),
            row("p05", R, R, "sketch", "", "square"),
            row("p06", R, A, "sketch", R, "star"),
            row("p07", A, A, "mixed", A, "circle"),
            row("p08", N, A, "mixed", "", "square"),
            row("p09", R, R, "clipart", R, "star"),
            row("p10", R, R, "clipart", R, "circle"),
            row("p11", N, N, "photo", N, "square"));

    /**
     * The labelled dataset "domainnet": d0 and d1 are the validation split, d2 and d3 the test split,
     * d4 to d6 the train split (TRAINING_DATA). Its labels are right, so the validation split puts
     * both strict thresholds at 0.9 at any domain mix, and the pool's strict_pool labels are its strict labels.
     */
    static final List<Row> DOMAINNET = List.of(
            row("d0", N, N, "photo", N, "dog"),
            row("d1", R, R, "sketch", R, "dog"),
            row("d2", N, N, "photo", N, "cat"),
            row("d3", R, R, "sketch", R, "cat"),
            row("d4", N, N, "photo", N, "dog"),
            row("d5", R, R, "sketch", R, "cat"),
            row("d6", A, A, "mixed", A, "dog"));

    static final List<TrainingRow> TRAINING_DATA = List.of(
            new TrainingRow("domainnet", "d0", N, "validation"),
            new TrainingRow("domainnet", "d1", R, "validation"),
            new TrainingRow("domainnet", "d2", N, "test"),
            new TrainingRow("domainnet", "d3", R, "test"),
            new TrainingRow("domainnet", "d4", N, "train"),
            new TrainingRow("domainnet", "d5", R, "train"),
            new TrainingRow("domainnet", "d6", A, "train"));

    /** The pool's keys in SeededOrder.rank(42, "web", key) order (sha256 of "42\tweb\t<key>", computed by hand). */
    static final List<String> POOL_SEED_42 = List.of("p02", "p04", "p08", "p09", "p03", "p07", "p01", "p05", "p11", "p06",
            "p00", "p10");

    /** One sample: the classifier's probabilities and labels, and the ground truth ("" unknown). */
    record Row(String key, float pNatural, float pRendition, String labelDefault, String labelStrict, String domain,
            String domainLabel, String className) {}

    /** One row of training_data.tsv. */
    record TrainingRow(String dataset, String key, String label, String split) {}

    private DomainSplitsFixtures() {}

    /** A sample with probabilities that agree with its labels (strict thresholds above 0.6, up to 0.9). */
    static Row row(String key, String labelDefault, String labelStrict, String domain, String domainLabel, String className) {
        return new Row(key, probability(N, labelDefault, labelStrict), probability(R, labelDefault, labelStrict), labelDefault,
                labelStrict, domain, domainLabel, className);
    }

    /** 0.9 where the strict label is the class, 0.6 where only the default one is, 0.05 where the strict one is another, else 0.3. */
    private static float probability(String label, String labelDefault, String labelStrict) {
        if (labelStrict.equals(label)) {
            return 0.9f;
        }
        if (labelDefault.equals(label)) {
            return 0.6f;
        }
        return labelStrict.equals(A) ? 0.3f : 0.05f;
    }

    /**
     * The study of these tests: the pool above; reference "imagenet" without ground truth; labelled
     * "domainnet"; test sets "sketch_test" (domain sketch), "photo_test" (photo) and "mixed_test" (no domain).
     */
    static Path study(Path root) throws IOException {
        return study(root, DOMAINNET, TRAINING_DATA);
    }

    /** The same study with another labelled dataset and training_data.tsv. */
    static Path study(Path root, List<Row> domainnet, List<TrainingRow> trainingData) throws IOException {
        String card = card(root, domainnet, trainingData);
        dataset(root, "web", "pool", "", card, POOL);
        dataset(root, "imagenet", "reference", "", card, List.of(
                row("i0", N, N, "", "", "dog"), row("i1", N, A, "", "", "cat"), row("i2", R, A, "", "", "dog")));
        dataset(root, "sketch_test", "test", "sketch", card, List.of(
                row("t0", R, R, "sketch", "", "circle"),
                row("t1", N, N, "sketch", "", "circle"),
                row("t2", R, A, "sketch", "", "star"),
                row("t3", R, R, "sketch", R, "star"),
                row("t4", A, A, "mixed", A, "star")));
        dataset(root, "photo_test", "test", "photo", card, List.of(
                row("u0", N, N, "photo", N, "circle"),
                row("u1", N, R, "photo", N, "circle"),
                row("u2", N, N, "photo", "", "star"),
                row("u3", R, R, "sketch", R, "star")));
        dataset(root, "mixed_test", "test", "", card, List.of(
                row("v0", N, N, "", "", "circle"),
                row("v1", N, N, "", N, "star")));
        return root;
    }

    /** Writes both the ingested folder (shards of 5 samples) and the label folder of a dataset with the same samples. */
    static void dataset(Path root, String name, String role, String domain, String cardSha256, List<Row> rows)
            throws IOException {
        dataset(root, name, role, domain, cardSha256, rows, 5);
    }

    static void dataset(Path root, String name, String role, String domain, String cardSha256, List<Row> rows, int shardSize)
            throws IOException {
        List<SampleMetadata> samples = rows.stream()
                .map(row -> IngestedFixtures.sample(name, row.key(), row.className(), row.domain(), row.domainLabel())).toList();
        IngestedFixtures.write(root.resolve("datasets").resolve(name), name, role, domain, samples, shardSize);
        labels(root, name, cardSha256, rows);
    }

    static Path labels(Path root, String name, String cardSha256, List<Row> rows) throws IOException {
        Path dir = Files.createDirectories(root.resolve("labels").resolve(name));
        Path shard = dir.resolve("labels-00000.avro");
        try (AvroRecordFile.Writer<DomainLabel> writer = AvroRecordFile.create(shard, DomainLabel.getClassSchema(), name)) {
            for (Row row : rows.stream().sorted(Comparator.comparing(Row::key)).toList()) {
                writer.append(new DomainLabel(row.key(), name, row.pNatural(), row.pRendition(), row.labelDefault(),
                        row.labelStrict()));
            }
            writer.commit();
        }
        AvroJson.write(dir.resolve(LabelledDataset.MANIFEST), DomainLabelManifest.newBuilder().setDataset(name)
                .setEmbeddingManifestSha256("embeddings").setClassifierCardSha256(cardSha256).setModelCardSha256("model")
                .setNumLabels(rows.size()).setCountsDefault(Map.of()).setCountsStrict(Map.of())
                .setShards(List.of(new LabelShard(shard.getFileName().toString(), "embeddings-00000.avro",
                        (long) rows.size(), Files.size(shard), Hashing.sha256(shard))))
                .setToolVersion("test").build());
        return dir;
    }

    /**
     * Writes {@code <root>/classifier} and the labelled dataset its training_data.tsv names,
     * DOMAINNET; returns the card's sha256. Test-split precision:
     * default natural 0.9, rendition 0.8; strict natural 0.99, rendition 0.975. Validation: default
     * natural 0.85 (no default rendition), strict natural 0.98, rendition 0.975.
     */
    static String card(Path root) throws IOException {
        return card(root, DOMAINNET, TRAINING_DATA);
    }

    static String card(Path root, List<Row> domainnet, List<TrainingRow> trainingData) throws IOException {
        List<LabelMetrics> metrics = List.of(
                metrics("validation", "default", N, 85, 100),
                metrics("validation", "strict", N, 196, 200),
                metrics("validation", "strict", R, 78, 80),
                metrics("test", "default", N, 9, 10),
                metrics("test", "default", R, 8, 10),
                metrics("test", "default", A, 7, 10),
                metrics("test", "strict", N, 99, 100),
                metrics("test", "strict", R, 39, 40));
        String card = classifier(root, List.of(N, A, R), Map.of(N, 0.8, R, 0.7), metrics, trainingData);
        dataset(root, "domainnet", "labelled", "", card, domainnet);
        return card;
    }

    /**
     * Writes {@code <root>/classifier}: training_data.tsv (only the columns the domain-splits step
     * reads) and classifier_card.json naming it, with target precision 0.98; returns the card's sha256.
     */
    static String classifier(Path root, List<String> classes, Map<String, Double> strictThresholds, List<LabelMetrics> metrics,
            List<TrainingRow> trainingData) throws IOException {
        Path dir = Files.createDirectories(root.resolve("classifier"));
        StringBuilder tsv = new StringBuilder("dataset\tkey\tlabel\tsplit\n");
        trainingData.forEach(row -> tsv.append(String.join("\t", row.dataset(), row.key(), row.label(), row.split())).append('\n'));
        Path trainingFile = dir.resolve(TrainingData.FILE);
        Files.writeString(trainingFile, tsv);
        Path file = dir.resolve(DomainSplitInputs.CLASSIFIER_CARD);
        AvroJson.write(file, DomainClassifierCard.newBuilder().setOnnxFile("classifier.onnx").setOnnxSha256("onnx")
                .setInputName("embedding").setOutputName("probabilities").setClasses(classes)
                .setInputDimension(4).setModelCardSha256("model").setTrainingDataset("domainnet")
                .setEmbeddingManifestSha256("embeddings").setTrainingDataSha256(Hashing.sha256(trainingFile)).setSeed(1)
                .setTargetPrecision(0.98).setStrictThresholds(strictThresholds).setMetrics(metrics)
                .setTrainer("test").setToolVersion("test").build());
        return Hashing.sha256(file);
    }

    static LabelMetrics metrics(String split, String thresholds, String label, long correct, long predicted) {
        return new LabelMetrics(split, thresholds, label, predicted, predicted, correct, correct / (double) predicted,
                correct / (double) predicted, 0.5);
    }

    /** Arguments naming every folder under {@code root}, then {@code options}. */
    static String[] args(Path root, Path out, String... options) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("--labels");
        args.addAll(folders(root.resolve("labels")));
        args.add("--datasets");
        args.addAll(folders(root.resolve("datasets")));
        args.addAll(List.of("--classifier", root.resolve("classifier").toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    /** Arguments naming every dataset folder under {@code root} but no labels and no classifier, then {@code options}. */
    static String[] groundTruthArgs(Path root, Path out, String... options) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("--datasets");
        args.addAll(folders(root.resolve("datasets")));
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private static List<String> folders(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().map(Path::toString).toList();
        }
    }

    /** Parses and runs the command, letting its exceptions through. */
    static void run(String... args) throws Exception {
        DomainSplitsCommand command = new DomainSplitsCommand();
        new CommandLine(command).parseArgs(args);
        command.call();
    }

    /** The keys of a whitelist file of {@code dataset}'s samples, in file order. */
    static List<String> keys(Path whitelist, String dataset) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(whitelist)) {
            if (!line.startsWith(dataset + "\t")) {
                throw new AssertionError(whitelist + ": '" + line + "' is not a sample of " + dataset);
            }
            keys.add(line.substring(dataset.length() + 1));
        }
        return keys;
    }
}
