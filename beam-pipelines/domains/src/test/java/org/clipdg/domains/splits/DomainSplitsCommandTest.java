package org.clipdg.domains.splits;

import static org.clipdg.domains.splits.DomainSplitsFixtures.N;
import static org.clipdg.domains.splits.DomainSplitsFixtures.POOL;
import static org.clipdg.domains.splits.DomainSplitsFixtures.R;
import static org.clipdg.domains.splits.DomainSplitsFixtures.args;
import static org.clipdg.domains.splits.DomainSplitsFixtures.keys;
import static org.clipdg.domains.splits.DomainSplitsFixtures.row;
import static org.clipdg.domains.splits.DomainSplitsFixtures.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.Hashing;
import org.clipdg.core.TsvTable;
import org.clipdg.schema.DomainSplitsManifest;
import org.clipdg.schema.SplitSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DomainSplitsCommandTest {
    @TempDir
    Path dir;

    private Path inputs;

    @BeforeEach
    void study() throws Exception {
        inputs = DomainSplitsFixtures.study(dir.resolve("inputs"));
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void twoRunsWriteByteIdenticalFiles() throws Exception {
        String[] options = {"--add-renditions", "0,2", "--mix-ratios", "1:3,1:1,3:1"};
        run(args(inputs, dir.resolve("a"), options));
        run(args(inputs, dir.resolve("b"), options));
        List<Path> files = files(dir.resolve("a"));
        assertEquals(files, files(dir.resolve("b")));
        assertEquals(23, files.size(), files.toString());
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)), Files.readAllBytes(dir.resolve("b").resolve(file)),
                    file.toString());
        }
        // 3:1 fits up to 5 of 4 renditions and 4 naturals. Seed 7 orders the strict renditions p10 p04 p05 p09 and
        // the naturals p01 p11 p03 p00; seed 42 p04 p09 p05 p10 and p03 p01 p11 p00.
        assertEquals(List.of("p01", "p03", "p04", "p05", "p09"), keys(dir.resolve("a/splits/mix-1_1-5.tsv"), "web"));
        run(args(inputs, dir.resolve("c"), "--mix-ratios", "1:3,1:1,3:1", "--seed", "7"));
        assertEquals(List.of("p01", "p04", "p05", "p10", "p11"), keys(dir.resolve("c/splits/mix-1_1-5.tsv"), "web"));
    }

    @Test
    void theManifestRecordsInputsAndPoolSplits() throws Exception {
        Path out = dir.resolve("out");
        run(args(inputs, out, "--mixture-domains", "", "--add-renditions", "1"));
        DomainSplitsManifest manifest = AvroJson.read(out.resolve("manifest.json"), DomainSplitsManifest.class);
        assertEquals(Hashing.sha256(inputs.resolve("classifier/classifier_card.json")), manifest.getClassifierCardSha256());
        assertEquals(0.98, manifest.getTargetPrecision(), "the card's target");
        assertEquals(List.of("domainnet", "imagenet", "mixed_test", "photo_test", "sketch_test", "web"),
                manifest.getLabelManifests().keySet().stream().sorted().toList());
        assertEquals(Hashing.sha256(inputs.resolve("labels/web/manifest.json")), manifest.getLabelManifests().get("web"));
        assertEquals(12, manifest.getPoolSamples());
        assertEquals(42, manifest.getSeed());
        assertEquals(ClipdgVersion.get(), manifest.getToolVersion());
        assertEquals(List.of("natural_only", "rendition_only", "mix-1_3-6", "mix-1_1-6", "add_renditions-1"),
                manifest.getSplits().stream().map(SplitSummary::getName).toList());
        SplitSummary mixture = manifest.getSplits().get(2);
        assertEquals(6, mixture.getKept());
        assertEquals(6, mixture.getRemoved());
        assertEquals(Hashing.sha256(out.resolve("splits/mix-1_3-6.tsv")), mixture.getSha256());
        assertEquals(List.of(), manifest.getHeldoutClasses(), "no domain-mixture splits, no held-out classes");

        Path mixtures = dir.resolve("mixtures");
        run(args(inputs, mixtures, "--mixture-domains", "sketch", "--heldout-classes", "star"));
        DomainSplitsManifest withMixtures = AvroJson.read(mixtures.resolve("manifest.json"), DomainSplitsManifest.class);
        assertEquals(List.of("star"), withMixtures.getHeldoutClasses());
    }

    @Test
    void withoutAClassifierOnlyTheGroundTruthSplitsAndCompositionAreMade() throws Exception {
        run(args(inputs, dir.resolve("labelled")));
        Path out = dir.resolve("truth");
        run(DomainSplitsFixtures.groundTruthArgs(inputs, out));

        DomainSplitsManifest manifest = AvroJson.read(out.resolve("manifest.json"), DomainSplitsManifest.class);
        assertNull(manifest.getClassifierCardSha256());
        assertNull(manifest.getTargetPrecision());
        assertTrue(manifest.getLabelManifests().isEmpty());
        List<String> made = manifest.getSplits().stream().map(SplitSummary::getName).toList();
        assertEquals(8, made.size(), made.toString());
        assertTrue(made.stream().allMatch(name -> name.startsWith("dm-clipart-") || name.startsWith("dm-sketch-")), made.toString());
        for (String name : made) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("labelled/splits").resolve(name + ".tsv")),
                    Files.readAllBytes(out.resolve("splits").resolve(name + ".tsv")), name + ": ground truth alone decides it");
        }
        try (Stream<Path> clean = Files.list(out.resolve("clean_tests"))) {
            assertEquals(List.of(), clean.toList(), "clean test sets need the classifier's labels");
        }
        List<String> composition = Files.readAllLines(out.resolve("composition.tsv"));
        assertEquals(6, composition.size(), composition.toString());
        assertTrue(composition.stream().skip(1).allMatch(row -> row.split("\t")[2].equals("ground_truth")), composition.toString());
        assertTrue(Files.readAllLines(dir.resolve("labelled/composition.tsv")).containsAll(composition));
    }

    /**
     * d7, a sketch the classifier calls natural as surely as the photo d0, joins the validation split:
     * at the pool's prevalence no natural threshold reaches the target, so, as when the calibration
     * misses it, there are no strict label subsets; everything else is made.
     */
    @Test
    void whenNoThresholdReachesTheTargetAtThePoolsPrevalenceThereAreNoStrictSubsets() throws Exception {
        List<DomainSplitsFixtures.Row> domainnet = new ArrayList<>(DomainSplitsFixtures.DOMAINNET);
        domainnet.add(row("d7", N, N, "sketch", R, "dog"));
        List<DomainSplitsFixtures.TrainingRow> trainingData = new ArrayList<>(DomainSplitsFixtures.TRAINING_DATA);
        trainingData.add(new DomainSplitsFixtures.TrainingRow("domainnet", "d7", R, "validation"));
        Path unreachable = DomainSplitsFixtures.study(dir.resolve("unreachable"), domainnet, trainingData);
        Path out = dir.resolve("out");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        try {
            System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
            run(args(unreachable, out));
        } finally {
            System.setErr(systemErr);
        }
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("[domain-splits] warning: no label subsets of the pool:"
                + " strict_pool natural threshold on the validation split weighted to the pool's estimated prevalence: no"
                + " threshold reaches precision 0.9800 (3 samples, 1 of them positive; best precision 0."), progress.toString());
        DomainSplitsManifest manifest = AvroJson.read(out.resolve("manifest.json"), DomainSplitsManifest.class);
        assertTrue(manifest.getSplits().stream().allMatch(split -> split.getName().startsWith("dm-")), manifest.toString());
        assertTrue(Files.isRegularFile(out.resolve("clean_tests/photo_test.tsv")));
        List<String> composition = Files.readAllLines(out.resolve("composition.tsv"));
        assertTrue(composition.stream().noneMatch(line -> line.split("\t")[2].equals("strict_pool")), composition.toString());
        assertTrue(composition.stream().anyMatch(line -> line.startsWith("web\tpool\tstrict\t")), composition.toString());
        Map<String, String> natural = TsvTable.read(out.resolve("prevalence.tsv")).get(0);
        assertEquals(List.of("natural", "0.8", "", ""), List.of(natural.get("class"), natural.get("strict_threshold"),
                natural.get("strict_pool_threshold"), natural.get("strict_pool_precision_at_pool")));

        run(args(unreachable, dir.resolve("default"), "--thresholds", "default"));
        assertTrue(Files.isRegularFile(dir.resolve("default/splits/natural_only.tsv")), "default labels need no strict threshold");
    }

    @Test
    void theHeldOutSplitsAreRebuiltFromTheTrainingDataTheCardNamesAndTheLabelledDatasetsLabels() throws Exception {
        Path trainingData = inputs.resolve("classifier/training_data.tsv");
        List<String> withoutLabelled = new ArrayList<>(List.of(args(inputs, dir.resolve("out"))));
        withoutLabelled.remove(inputs.resolve("labels/domainnet").toString());
        withoutLabelled.remove(inputs.resolve("datasets/domainnet").toString());
        IllegalArgumentException noLabelled = assertThrows(IllegalArgumentException.class,
                () -> run(withoutLabelled.toArray(String[]::new)));
        assertEquals(trainingData + " names dataset 'domainnet', which has no --labels and --datasets folder here; the"
                + " labelled datasets' labels rebuild the held-out splits", noLabelled.getMessage());

        Files.writeString(trainingData, "domainnet\td1\trendition\tvalidation\n", StandardOpenOption.APPEND);
        IllegalArgumentException changed = assertThrows(IllegalArgumentException.class, () -> run(args(inputs, dir.resolve("out"))));
        assertTrue(changed.getMessage().endsWith("; the classifier folder was changed after training"), changed.getMessage());

        Files.delete(trainingData);
        Exception missing = assertThrows(IOException.class, () -> run(args(inputs, dir.resolve("out"))));
        assertEquals(trainingData + ": missing; a classifier folder holds the training_data.tsv it was trained on",
                missing.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void labelsAndClassifierGoTogether() throws Exception {
        List<String> withoutClassifier = new ArrayList<>(List.of(args(inputs, dir.resolve("out"))));
        int at = withoutClassifier.indexOf("--classifier");
        withoutClassifier.subList(at, at + 2).clear();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(withoutClassifier.toArray(String[]::new)));
        assertEquals("--labels and --classifier go together: the labels are the classifier's (give neither for the"
                + " ground-truth splits only)", error.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void labelsOfAnotherClassifierAreRefused() throws Exception {
        DomainSplitsFixtures.labels(inputs, "photo_test", "0".repeat(64), List.of(
                row("u0", N, N, "photo", N, "circle"), row("u1", N, R, "photo", N, "circle"),
                row("u2", N, N, "photo", "", "star"), row("u3", R, R, "sketch", R, "star")));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(args(inputs, dir.resolve("out"))));
        String message = error.getMessage();
        assertTrue(message.contains("the labels of 'photo_test' come from the classifier card with sha256 " + "0".repeat(64)),
                message);
        assertTrue(message.contains("has sha256 " + Hashing.sha256(inputs.resolve("classifier/classifier_card.json"))), message);
    }

    @Test
    void aLabelForAKeyOutsideTheDatasetIsAnError() throws Exception {
        String card = Hashing.sha256(inputs.resolve("classifier/classifier_card.json"));
        List<DomainSplitsFixtures.Row> labels = new ArrayList<>(POOL);
        labels.add(row("p99", N, N, "", "", ""));
        DomainSplitsFixtures.labels(inputs, "web", card, labels);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(args(inputs, dir.resolve("out"))));
        assertTrue(error.getMessage().startsWith("dataset 'web': "), error.getMessage());
        assertTrue(error.getMessage().contains(" labels key 'p99', which is not a sample of "), error.getMessage());
    }

    @Test
    void aSampleWithoutLabelIsLeftOutOfEverySplitAndCounted() throws Exception {
        String card = Hashing.sha256(inputs.resolve("classifier/classifier_card.json"));
        DomainSplitsFixtures.labels(inputs, "web", card, POOL.subList(0, 11));
        run(args(inputs, dir.resolve("out")));
        try (var files = Files.list(dir.resolve("out/splits"))) {
            for (Path split : files.toList()) {
                assertFalse(Files.readString(split).contains("\tp11\n"), split.toString());
            }
        }
    }

    @Test
    void everyLabelFolderNeedsItsDataset() throws Exception {
        String[] all = args(inputs, dir.resolve("out"));
        List<String> withoutPoolLabels = new ArrayList<>(List.of(all));
        withoutPoolLabels.remove(inputs.resolve("labels/web").toString());
        IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class,
                () -> run(withoutPoolLabels.toArray(String[]::new)));
        assertEquals("dataset 'web' (" + inputs.resolve("datasets/web") + ") has no --labels folder", noLabels.getMessage());

        List<String> withoutTestDataset = new ArrayList<>(List.of(all));
        withoutTestDataset.remove(inputs.resolve("datasets/photo_test").toString());
        IllegalArgumentException noDataset = assertThrows(IllegalArgumentException.class,
                () -> run(withoutTestDataset.toArray(String[]::new)));
        assertEquals("labels of dataset 'photo_test' (" + inputs.resolve("labels/photo_test") + ") have no --datasets folder",
                noDataset.getMessage());
    }

    @Test
    void severalPoolDatasetsAreOnePool() throws Exception {
        String card = Hashing.sha256(inputs.resolve("classifier/classifier_card.json"));
        List<DomainSplitsFixtures.Row> rows = List.of(row("w", N, N, "photo", N, "dog"));
        DomainSplitsFixtures.dataset(inputs, "web2", "pool", "", card, rows);
        DomainSplitsFixtures.labels(inputs, "web2", card, rows);
        Path out = dir.resolve("out");
        run(args(inputs, out));

        String naturalOnly = Files.readString(out.resolve("splits/natural_only.tsv"));
        assertTrue(naturalOnly.contains("web\t") && naturalOnly.contains("web2\tw\n"), naturalOnly);
        DomainSplitsManifest manifest = AvroJson.read(out.resolve("manifest.json"), DomainSplitsManifest.class);
        assertEquals(POOL.size() + 1, manifest.getPoolSamples(), "both datasets' samples");
    }

    @Test
    void badOptionsAreErrorsWithAClearMessageAndANonZeroExit() throws Exception {
        Map<List<String>, String> cases = Map.of(
                List.of("--mix-ratios", "1-3"), "mixture ratio '1-3' must be rendition:natural, two positive integers such as 1:3",
                List.of("--mix-ratios", "0:0"), "mixture ratio 0:0 needs two positive parts",
                List.of("--thresholds", "lenient"), "--thresholds must be 'strict_pool', 'strict' or 'default', got 'lenient'",
                List.of("--mix-total", "-1"), "--mix-total must be >= 0, got -1",
                List.of("--heldout-classes", ""), "--heldout-classes needs at least one class",
                List.of("--mixture-domains", "sketch,"), "--mixture-domains: empty or blank-padded entry in 'sketch,'",
                List.of("--mix-total", "many"), "Invalid value for option '--mix-total': 'many' is not an int");
        PrintStream systemErr = System.err;
        try {
            System.setErr(DomainSplitsFixtures.QUIET);
            for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
                String[] args = args(inputs, dir.resolve("out"), bad.getKey().toArray(String[]::new));
                Exception error = assertThrows(Exception.class, () -> run(args), bad.getKey().toString());
                assertTrue(error instanceof IllegalArgumentException || error instanceof CommandLine.ParameterException,
                        error.toString());
                assertEquals(bad.getValue(), error.getMessage());
                CommandLine command = new CommandLine(new DomainSplitsCommand());
                command.setErr(new PrintWriter(Writer.nullWriter()));
                assertNotEquals(0, command.execute(args), bad.getKey().toString());
            }
            assertEquals(0, new CommandLine(new DomainSplitsCommand()).execute(args(inputs, dir.resolve("out"))));
        } finally {
            System.setErr(systemErr);
        }
        assertTrue(Files.isRegularFile(dir.resolve("out/manifest.json")));
    }
}
