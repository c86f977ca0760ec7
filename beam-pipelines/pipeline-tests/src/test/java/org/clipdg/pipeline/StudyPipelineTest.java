package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.Fixtures;
import org.clipdg.core.Hashing;
import org.clipdg.core.TsvTable;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.schema.DomainClassifierCard;
import org.clipdg.schema.DomainLabelManifest;
import org.clipdg.schema.DomainSplitsManifest;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.ImageEmbedding;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.ModelCard;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.PruneManifest;
import org.clipdg.schema.ShardInfo;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.SplitSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real DAG on tiny data: bin/nextflow run main.nf -profile test. */
class StudyPipelineTest {
    private static final List<String> TEST_SETS = List.of("photo_val", "photo_v2", "sketch", "emoji_flat", "painting", "counter",
            "quickdraw");
    private static final List<String> TEST_DATASETS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("pool", "emoji", "reference", "labelled"), TEST_SETS.stream()).toList();
    private static final List<String> TEST_CLASSES = List.of("circle", "square", "star", "moon");

    @TempDir
    Path launch;

    @Test
    void testProfileIngestsTrainsTheReferenceClipEmbedsEveryDatasetAndResumeReusesEveryTask() throws Exception {
        TestProfileRun clean = TestProfileRun.clean();
        Path runDir = clean.launch();
        Path outdir = clean.outdir();
        NextflowRun first = clean.result();
        assertEquals(0, first.exitCode, first.describe());
        assertTrue(first.output.contains("Outputs in " + outdir), first.describe());

        for (String name : TEST_DATASETS) {
            Path dataset = outdir.resolve("datasets").resolve(name);
            IngestManifest manifest = AvroJson.read(dataset.resolve("manifest.json"), IngestManifest.class);
            assertTrue(manifest.getNumSamples() > 0, name);
            assertEquals(0, manifest.getNumRejected(), name);
            assertEquals(TEST_CLASSES, manifest.getClasses(), name);
            assertEquals(manifest.getCountsByClass().keySet(), Set.copyOf(TEST_CLASSES), name);
            for (ShardInfo shard : manifest.getShards()) {
                assertEquals(shard.getSha256(), Hashing.sha256(dataset.resolve(shard.getName())), name + " " + shard.getName());
            }
            assertTrue(Files.size(dataset.resolve("contact_sheet.png")) > 1000, name);
            assertTrue(Files.exists(dataset.resolve("rejected.tsv")), name);
        }
        IngestManifest pool = AvroJson.read(outdir.resolve("datasets/pool/manifest.json"), IngestManifest.class);
        assertEquals(Math.round(8000 * 0.04), pool.getNumSamples(), "pool size follows synthetic_scale");
        assertTrue(pool.getCountsByDomainLabel().keySet().containsAll(List.of("natural", "ambiguous", "rendition")));
        IngestManifest counter = AvroJson.read(outdir.resolve("datasets/counter/manifest.json"), IngestManifest.class);
        assertEquals(Map.of("counter", counter.getNumSamples()), counter.getCountsByGroup());
        IngestManifest quickdraw = AvroJson.read(outdir.resolve("datasets/quickdraw/manifest.json"), IngestManifest.class);
        assertEquals(400, quickdraw.getNumSamples(), "100 real sketches for each of the 4 classes");
        IngestManifest emoji = AvroJson.read(outdir.resolve("datasets/emoji/manifest.json"), IngestManifest.class);
        assertEquals(Map.of("fluent_color", 48L, "fluent_3d", 48L, "openmoji", 48L), emoji.getCountsByDomain(),
                "real renderings from a domain-folder tree, 12 per class and domain, each with its folder's domain");
        assertEquals(Map.of("rendition", 144L), emoji.getCountsByDomainLabel(), "labelled by the samplesheet's domain_labels");
        long poolSamples = pool.getNumSamples() + emoji.getNumSamples();

        ModelCard card = AvroJson.read(outdir.resolve("models/reference_clip/model_card.json"), ModelCard.class);
        assertEquals(List.of("emoji", "pool", "reference"), card.getTraining().getDatasets().stream().map(d -> d.getName()).toList());
        assertEquals(2, card.getTraining().getEpochs());
        for (String file : List.of("image.onnx", "text.onnx", "tokenizer.json", "metrics_steps.tsv", "metrics_epochs.tsv")) {
            assertTrue(Files.size(outdir.resolve("models/reference_clip").resolve(file)) > 0, file);
        }
        for (String test : TEST_SETS) {
            assertTrue(card.getEvaluation().containsKey("zero_shot_top1/" + test), test + " probed: " + card.getEvaluation());
        }
        assertTrue(card.getEvaluation().get("zero_shot_top1/photo_val") > 0.5,
                "the reference CLIP learns even on the test profile's tiny data: " + card.getEvaluation());

        String cardSha256 = Hashing.sha256(outdir.resolve("models/reference_clip/model_card.json"));
        for (String name : TEST_DATASETS) {
            Path embeddings = outdir.resolve("embeddings").resolve(name);
            EmbeddingManifest manifest = AvroJson.read(embeddings.resolve("manifest.json"), EmbeddingManifest.class);
            IngestManifest ingested = AvroJson.read(outdir.resolve("datasets").resolve(name).resolve("manifest.json"), IngestManifest.class);
            assertEquals(ingested.getNumSamples(), manifest.getNumEmbeddings(), name + ": every image embedded");
            assertEquals(Hashing.sha256(outdir.resolve("datasets").resolve(name).resolve("manifest.json")),
                    manifest.getDatasetManifestSha256(), name);
            assertEquals(cardSha256, manifest.getModelCardSha256(), name + ": embedded with the reference CLIP");
            assertEquals(card.getEmbedDim(), manifest.getDimension(), name);
            List<ImageEmbedding> records = EmbeddedDataset.open(embeddings).readAll();
            assertEquals(manifest.getNumEmbeddings(), records.size(), name);
            double norm = 0;
            for (float v : records.get(0).getEmbedding()) {
                norm += v * v;
            }
            assertEquals(1.0, norm, 1e-4, name + ": L2-normalised");
        }
        try (Stream<Path> slots = Files.list(runDir.resolve("work/clipdg-embeddings"))) {
            assertEquals(TEST_DATASETS.size() + 2 * 7, slots.count(), "one store slot per dataset under the similarity model,"
                    + " and per test set under each of the two split models");
        }

        SimilarityManifest similarity = AvroJson.read(outdir.resolve("similarity/manifest.json"), SimilarityManifest.class);
        assertEquals(cardSha256, similarity.getModelCardSha256());
        assertEquals(TEST_SETS.stream().sorted().toList(),
                similarity.getTests().stream().map(t -> t.getInput().getDataset().toString()).toList());
        assertEquals(List.of("reference"), similarity.getReference().stream().map(r -> r.getDataset().toString()).toList());
        long[] poolRecords = {0};
        AvroRecordFile.forEach(outdir.resolve("similarity/pool_similarity.avro"), PoolSampleSimilarity.class,
                record -> poolRecords[0]++);
        assertEquals(poolSamples, poolRecords[0], "one similarity record per sample of both pool datasets");
        long matched = similarity.getMatchedPoolSamplesCombined();
        assertTrue(matched > 0 && matched < poolSamples, "some pool samples are closer to a test point than its"
                + " reference neighbour, not all: " + matched);
        // The test profile compares the pool in 3 chunks (conf/test.config): their merge is what one pass over the
        // published embeddings writes, byte for byte.
        Path onePass = launch.resolve("similarity-one-pass");
        List<String> similarityArgs = new java.util.ArrayList<>(List.of("similarity", "--threads", "2", "--out", onePass.toString(),
                "--reference", outdir.resolve("embeddings/reference").toString(), "--pool",
                outdir.resolve("embeddings/emoji").toString(), outdir.resolve("embeddings/pool").toString(), "--test"));
        TEST_SETS.stream().sorted().forEach(name -> similarityArgs.add(outdir.resolve("embeddings").resolve(name).toString()));
        ClipdgRun single = ClipdgRun.run(launch.resolve("similarity.log"), similarityArgs.toArray(String[]::new));
        assertEquals(0, single.exitCode, single.output);
        for (String file : List.of("pool_similarity.avro", "test_neighbours.avro", "summary.tsv", "manifest.json")) {
            assertEquals(Hashing.sha256(onePass.resolve(file)), Hashing.sha256(outdir.resolve("similarity").resolve(file)), file);
        }

        PruneManifest pruning = AvroJson.read(outdir.resolve("pruning/manifest.json"), PruneManifest.class);
        Map<String, SplitSummary> splits = new java.util.TreeMap<>();
        pruning.getSplits().forEach(split -> splits.put(split.getName().toString(), split));
        assertTrue(splits.keySet().containsAll(List.of("all", "similarity_matched-combined", "similarity_matched-sketch",
                "near-all-100", "far-all-100", "random-100", "dedup-0.124")), splits.keySet().toString());
        assertEquals(poolSamples - matched, splits.get("similarity_matched-combined").getKept());
        long deduplicated = splits.get("dedup-0.124").getKept();
        assertTrue(deduplicated > 0 && deduplicated <= poolSamples, "dedup keeps " + deduplicated);
        for (String split : List.of("similarity_matched-combined", "random-100")) {
            Path whitelist = outdir.resolve("pruning/splits").resolve(split + ".tsv");
            assertEquals(splits.get(split).getSha256(), Hashing.sha256(whitelist), split);
        }
        String matchedSha256 = splits.get("similarity_matched-combined").getSha256();
        ModelCard trained = AvroJson.read(outdir.resolve("models/clip-similarity_matched-combined/model_card.json"), ModelCard.class);
        assertEquals(matchedSha256, trained.getTraining().getSplitSha256(), "trained on its whitelist");
        assertEquals(List.of("emoji", "pool"), trained.getTraining().getDatasets().stream().map(d -> d.getName()).toList());

        DomainClassifierCard classifier = AvroJson.read(outdir.resolve("domains/classifier/classifier_card.json"),
                DomainClassifierCard.class);
        assertEquals(cardSha256, classifier.getModelCardSha256(), "the classifier works in the reference CLIP's space");
        assertEquals(0.3, classifier.getTargetPrecision());
        String classifierSha256 = Hashing.sha256(outdir.resolve("domains/classifier/classifier_card.json"));
        for (String name : TEST_DATASETS) {
            DomainLabelManifest labels = AvroJson.read(outdir.resolve("domains/labels").resolve(name).resolve("manifest.json"),
                    DomainLabelManifest.class);
            IngestManifest ingested = AvroJson.read(outdir.resolve("datasets").resolve(name).resolve("manifest.json"), IngestManifest.class);
            assertEquals(ingested.getNumSamples(), labels.getNumLabels(), name + ": every image labelled");
            assertEquals(classifierSha256, labels.getClassifierCardSha256(), name);
        }
        List<String> composition = Files.readAllLines(outdir.resolve("domains/splits/composition.tsv"));
        assertTrue(composition.get(0).startsWith("dataset\trole\tthresholds\tsamples\tnatural_pct"), composition.get(0));
        assertTrue(composition.stream().anyMatch(row -> row.startsWith("pool\tpool\tstrict\t" + pool.getNumSamples() + "\t")),
                composition.toString());
        assertTrue(composition.stream().anyMatch(row -> row.startsWith("pool\tpool\tground_truth\t")), composition.toString());
        String[] poolStrict = composition.stream().filter(row -> row.startsWith("pool\tpool\tstrict\t")).findFirst().orElseThrow()
                .split("\t", -1);
        List<String> columns = List.of(composition.get(0).split("\t"));
        for (String label : List.of("natural", "rendition")) {
            int column = columns.indexOf("truth_precision_" + label);
            double low = Double.parseDouble(poolStrict[columns.indexOf("truth_precision_" + label + "_low")]);
            double high = Double.parseDouble(poolStrict[columns.indexOf("truth_precision_" + label + "_high")]);
            double truthPrecision = Double.parseDouble(poolStrict[column]);
            assertTrue(0 <= low && low <= truthPrecision && truthPrecision <= high && high <= 1,
                    "precision against the pool's ground truth, in its 95% interval: " + composition);
            assertTrue(poolStrict[columns.indexOf("truth_precision_" + label + "_z")].matches("-?\\d+\\.\\d{2}"),
                    "its z against the validation precision: " + composition);
        }
        // The real images reach the report's tables: Table 2's composition, Table 1's accuracy per test set.
        Map<String, Map<String, String>> table2 = new java.util.TreeMap<>();
        TsvTable.read(outdir.resolve("report/tables/table2_domain_composition.tsv")).forEach(r -> table2.put(r.get("dataset"), r));
        for (String emojiSet : List.of("emoji", "emoji_flat")) {
            assertEquals("100.00", table2.get(emojiSet).get("rendition % (ground_truth)"), emojiSet + ": " + table2.get(emojiSet));
        }
        assertTrue(TsvTable.header(outdir.resolve("report/tables/table1_accuracy.tsv")).contains("emoji_flat"));
        List<String> checks = Files.readAllLines(outdir.resolve("report/tables/study_checks.tsv"));
        String precision = "[01]\\.\\d{4}";
        String z = "z -?\\d+\\.\\d{2}";
        String interval = precision + " \\(" + precision + "-" + precision + ", " + z + "\\)";
        // Each pool dataset against its ground truth; the emoji pool holds no naturals, and the test profile's weak
        // classifier may give a pool no label at its estimated prevalence.
        String givenOrNot = "(none given|" + interval + ")";
        String poolEvidence = "( \\(thresholds adjusted to its prevalence\\))? against its ground truth, 95% interval: natural "
                + givenOrNot + ", rendition " + givenOrNot;
        assertTrue(checks.get(1).startsWith("strict domain labels reach the target precision on images the classifier never"
                + " saw\t") && checks.get(1).matches(".*\ttarget 0\\.30, each precision with its z against the validation split's;"
                + " labelled data's test split: natural " + precision + " \\(" + z + "\\), rendition " + precision + " \\(" + z
                + "\\); emoji" + poolEvidence + "; pool" + poolEvidence), checks.get(1));
        DomainSplitsManifest domainSplits = AvroJson.read(outdir.resolve("domains/splits/manifest.json"), DomainSplitsManifest.class);
        Map<String, SplitSummary> byName = new java.util.TreeMap<>();
        domainSplits.getSplits().forEach(split -> byName.put(split.getName(), split));
        assertTrue(byName.keySet().containsAll(List.of("natural_only", "rendition_only", "dm-sketch-natural_only",
                "dm-sketch-cg_low", "dm-sketch-cg_high", "dm-sketch-leave_out")), byName.keySet().toString());
        assertTrue(Files.isRegularFile(outdir.resolve("domains/splits/clean_tests/sketch.tsv")));
        ModelCard naturalOnly = AvroJson.read(outdir.resolve("models/clip-natural_only/model_card.json"), ModelCard.class);
        assertEquals(byName.get("natural_only").getSha256(), naturalOnly.getTraining().getSplitSha256(),
                "a domain split trains like a pruned one");

        // EVALUATE: every model on every test set, in one table; split models embed the test sets themselves.
        Path metricsTsv = outdir.resolve("evaluation/metrics.tsv");
        assertEquals(List.of("model", "split", "split_sha256", "seed", "test_set", "domain", "group", "class", "bin", "metric", "value",
                "n", "ci_low", "ci_high"), TsvTable.header(metricsTsv));
        List<Map<String, String>> metrics = TsvTable.read(metricsTsv);
        List<String> models = List.of("clip-natural_only", "clip-similarity_matched-combined", "reference_clip");
        assertEquals(models, metrics.stream().map(r -> r.get("model")).distinct().toList(), "one header, models in order");
        assertEquals(metrics.size(), new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(outdir.resolve("evaluation/metrics.json").toFile()).size(), "the same table as JSON");
        assertTrue(metrics.stream().allMatch(r -> r.get("seed").equals("42")), "the training seed of every model's card");
        for (String model : models) {
            List<Map<String, String>> rows = metrics.stream().filter(r -> r.get("model").equals(model)).toList();
            Map<String, Map<String, String>> overall = new java.util.TreeMap<>();
            rows.stream().filter(r -> r.get("domain").isEmpty() && r.get("group").isEmpty() && r.get("bin").isEmpty()
                    && r.get("metric").equals("top1")).forEach(r -> overall.put(r.get("test_set"), r));
            assertEquals(new java.util.TreeSet<>(TEST_SETS), overall.keySet(), model);
            overall.values().forEach(r -> assertTrue(Double.parseDouble(r.get("ci_low")) <= Double.parseDouble(r.get("value"))
                    && Double.parseDouble(r.get("value")) <= Double.parseDouble(r.get("ci_high")), model + ": " + r));
            for (String metric : List.of("top1_clean", "top1_heldout", "top1_drop", "cka_block_3", "neuron_overlap_block_3")) {
                assertTrue(rows.stream().anyMatch(r -> r.get("metric").equals(metric)), model + " has " + metric);
            }
            assertTrue(rows.stream().anyMatch(r -> r.get("metric").equals("top1") && !r.get("bin").isEmpty()),
                    model + ": accuracy per similarity bin");
            assertTrue(Files.isRegularFile(outdir.resolve("evaluation").resolve(model).resolve("predictions/sketch.tsv")), model);
        }
        assertTrue(metrics.stream().filter(r -> r.get("model").equals("clip-similarity_matched-combined"))
                .allMatch(r -> r.get("split").equals("similarity_matched-combined") && r.get("split_sha256").equals(matchedSha256)));
        String matchedCardSha256 = Hashing.sha256(outdir.resolve("models/clip-similarity_matched-combined/model_card.json"));
        EmbeddingManifest ownEmbeddings = AvroJson.read(outdir.resolve(
                "evaluation/clip-similarity_matched-combined/embeddings/sketch/manifest.json"), EmbeddingManifest.class);
        assertEquals(matchedCardSha256, ownEmbeddings.getModelCardSha256(), "a split's model is evaluated on its own embeddings");

        // The evaluation step (ONNX Runtime, exported towers and tokenizer) agrees with the trainer's own probe (DJL,
        // in-memory weights) when given the probe's single template.
        Path template = Files.writeString(launch.resolve("probe-template.txt"), "a photo of a {}\n");
        List<String> probed = List.of("photo_val", "sketch", "quickdraw");
        List<String> evaluateArgs = new java.util.ArrayList<>(List.of("evaluate", "--model",
                outdir.resolve("models/reference_clip").toString(), "--templates", template.toString(), "--out",
                launch.resolve("evaluation").toString(), "--embeddings"));
        probed.forEach(name -> evaluateArgs.add(outdir.resolve("embeddings").resolve(name).toString()));
        evaluateArgs.add("--datasets");
        probed.forEach(name -> evaluateArgs.add(outdir.resolve("datasets").resolve(name).toString()));
        ClipdgRun evaluation = ClipdgRun.run(launch.resolve("evaluate.log"), evaluateArgs.toArray(String[]::new));
        assertEquals(0, evaluation.exitCode, evaluation.output);
        for (Map<String, String> row : TsvTable.read(launch.resolve("evaluation/metrics.tsv"))) {
            if (row.get("domain").isEmpty() && row.get("group").isEmpty() && row.get("bin").isEmpty()
                    && row.get("metric").equals("top1")) {
                double probe = card.getEvaluation().get("zero_shot_top1/" + row.get("test_set"));
                assertEquals(probe, Double.parseDouble(row.get("value")), 1.5 / Long.parseLong(row.get("n")),
                        row.get("test_set") + ": evaluation vs training probe (at most one image apart, float rounding)");
            }
        }

        Path exported = launch.resolve("exported-random-100");
        ClipdgRun export = ClipdgRun.run(launch.resolve("export.log"), "export-split", "--dataset",
                outdir.resolve("datasets/pool").toString(), outdir.resolve("datasets/emoji").toString(), "--whitelist", outdir.resolve("pruning/splits/random-100.tsv").toString(),
                "--shard-size", "40", "--out", exported.toString());
        assertEquals(0, export.exitCode, export.output);
        List<String> listing = Files.readAllLines(exported.resolve("shards.tsv"));
        assertEquals(List.of("split-000000.tar", "split-000001.tar", "split-000002.tar"),
                listing.subList(1, listing.size()).stream().map(line -> line.split("\t")[0]).toList());
        assertEquals(100, listing.subList(1, listing.size()).stream().mapToInt(line -> Integer.parseInt(line.split("\t")[1])).sum());

        // Per dataset: ingest, embed, and for the labelled set two shard groups and a merge instead of one embedding
        // task; then the labels of all of them, the reference CLIP, similarity (thresholds, 3 chunks, merge), prune, the
        // domain classifier, domain splits, two trained splits, each one's embeddings of all the test sets, 3
        // evaluations, their merge, the report.
        int tasks = 2 * TEST_DATASETS.size() + 2 + 1 + 1 + 5 + 1 + 2 + 2 + 2 + 3 + 1 + 1;
        List<Map<String, String>> firstTrace = NextflowRun.newestTrace(outdir);
        assertEquals(tasks, firstTrace.size());
        Map<String, Long> perProcess = new java.util.TreeMap<>();
        firstTrace.forEach(row -> perProcess.merge(row.get("process"), 1L, Long::sum));
        assertEquals(Map.of("SIMILARITY:SIMILARITY_THRESHOLDS", 1L, "SIMILARITY:SIMILARITY_CHUNK", 3L,
                "SIMILARITY:SIMILARITY_MERGE", 1L, "EMBED_DATASETS:EMBED_SHARD_GROUP", 2L, "EMBED_DATASETS:EMBED_MERGE", 1L),
                perProcess.entrySet().stream().filter(e -> e.getKey().startsWith("SIMILARITY:") || e.getKey().contains("_SHARD_")
                        || e.getKey().endsWith("EMBED_MERGE")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                                Map.Entry::getValue)), "the thresholds once, 3 chunks and a merge; the labelled set's 39 shards"
                        + " in 2 shard groups and a merge: " + perProcess);
        assertTrue(firstTrace.stream().allMatch(r -> r.get("status").equals("COMPLETED")), firstTrace.toString());
        try (Stream<Path> info = Files.list(outdir.resolve("pipeline_info"))) {
            List<String> names = info.map(p -> p.getFileName().toString()).toList();
            for (String prefix : List.of("execution_report_", "execution_timeline_", "pipeline_dag_", "params_")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), prefix + " in " + names);
            }
            // make setup installs Graphviz, so the DAG is drawn, with no script from anywhere.
            String dag = Files.readString(outdir.resolve("pipeline_info").resolve(names.stream()
                    .filter(n -> n.startsWith("pipeline_dag_")).findFirst().orElseThrow()));
            assertTrue(dag.contains("<svg") && dag.contains("TRAIN_SPLIT") && !dag.contains("<script"), "an SVG DAG");
        }

        Thread.sleep(1100); // trace files are named by the second
        NextflowRun second = NextflowRun.run(runDir, "-profile", "test", "--outdir", outdir.toString(), "-resume");
        assertEquals(0, second.exitCode, second.describe());
        List<Map<String, String>> secondTrace = NextflowRun.newestTrace(outdir);
        assertEquals(tasks, secondTrace.size(), second.describe());
        assertTrue(secondTrace.stream().allMatch(r -> r.get("status").equals("CACHED")),
                "every task reused on -resume: " + secondTrace);

        // A target precision the classifier cannot reach (one epoch of the linear model, whose best rendition precision
        // on this validation split is about 0.4): no labels, so the domain splits are the ground-truth mixtures only;
        // the rest completes.
        Thread.sleep(1100);
        Path strictOutdir = runDir.resolve("results-unreachable");
        NextflowRun unreachable = NextflowRun.run(runDir, "-profile", "test", "--outdir", strictOutdir.toString(), "-resume",
                "--domain_precision", "0.9999", "--domain_model", "linear", "--domain_epochs", "1", "--train_splits",
                "similarity_matched-combined");
        assertEquals(0, unreachable.exitCode, unreachable.describe());
        assertTrue(Pattern.compile("clipdg: domain labelling stopped, no domain labels, label subsets or clean test sets; the"
                + " domain-mixture splits come from ground truth \\(every other result is complete\\): strict (natural|rendition)"
                + " threshold on the validation split: no threshold reaches precision 0\\.9999").matcher(unreachable.output).find(),
                unreachable.describe());
        try (Stream<Path> published = Files.list(strictOutdir.resolve("domains"))) {
            assertEquals(List.of("splits", "unreached.txt"), published.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the reason and the ground-truth splits, no classifier or labels");
        }
        assertTrue(Files.readString(strictOutdir.resolve("domains/unreached.txt")).contains("no threshold reaches precision 0.9999"));
        DomainSplitsManifest groundTruth = AvroJson.read(strictOutdir.resolve("domains/splits/manifest.json"),
                DomainSplitsManifest.class);
        assertNull(groundTruth.getClassifierCardSha256());
        Map<String, SplitSummary> groundTruthSplits = new java.util.TreeMap<>();
        groundTruth.getSplits().forEach(split -> groundTruthSplits.put(split.getName(), split));
        assertTrue(groundTruthSplits.keySet().stream().allMatch(name -> name.startsWith("dm-")), groundTruthSplits.keySet().toString());
        assertEquals(byName.get("dm-sketch-cg_low").getSha256(), groundTruthSplits.get("dm-sketch-cg_low").getSha256(),
                "the mixtures do not depend on the classifier");
        assertTrue(Files.readAllLines(strictOutdir.resolve("domains/splits/composition.tsv")).stream().skip(1)
                .allMatch(row -> row.split("\t")[2].equals("ground_truth")));
        List<Map<String, String>> thirdTrace = NextflowRun.newestTrace(strictOutdir);
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        thirdTrace.forEach(row -> byStatus.merge(row.get("process") + " " + row.get("status"), 1L, Long::sum));
        assertEquals(Map.of("TRAIN_DOMAIN_CLASSIFIER COMPLETED", 1L, "DOMAIN_SPLITS COMPLETED", 1L, "EVALUATE COMPLETED", 2L,
                "MERGE_METRICS COMPLETED", 1L, "REPORT COMPLETED", 1L), byStatus.entrySet().stream()
                .filter(e -> !e.getKey().endsWith(" CACHED")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue)), "only the classifier and the domain splits reran, and the evaluations now"
                        + " without clean test sets: " + byStatus);
        assertTrue(Files.isRegularFile(strictOutdir.resolve("models/clip-similarity_matched-combined/model_card.json")));
        List<String> unlabelledMetrics = Files.readAllLines(strictOutdir.resolve("evaluation/metrics.tsv"));
        assertTrue(unlabelledMetrics.size() > 1 && unlabelledMetrics.stream().noneMatch(l -> l.contains("\ttop1_clean\t")));
    }

    @Test
    void invalidSamplesheetFailsBeforeAnyTaskListingEveryProblem() throws Exception {
        Path sheet = Files.writeString(launch.resolve("bad.csv"), """
                name,role,format,path,domain,group,classes
                pool,pool,tarball,nowhere.tar,,,
                pool,trainset,synthetic,missing.json,,,
                """);
        NextflowRun run = NextflowRun.run(launch, "-profile", "test", "--input", sheet.toString(),
                "--outdir", launch.resolve("results").toString(), "-w", launch.resolve("work").toString());
        assertNotEquals(0, run.exitCode, run.describe());
        for (String problem : List.of("bad.csv has 4 problems", "line 2 ('pool'): unknown format 'tarball'",
                "line 3 ('pool'): duplicate name 'pool'", "line 3 ('pool'): unknown role 'trainset'",
                "line 3 ('pool'): file not found")) {
            assertTrue(run.output.contains(problem), problem + " in:\n" + run.describe());
        }
        assertFalse(run.output.contains("Submitted process"), "no task ran:\n" + run.describe());
        try (Stream<Path> taskDirs = Files.exists(launch.resolve("work")) ? Files.list(launch.resolve("work")) : Stream.empty()) {
            assertEquals(0, taskDirs.count(), "no task directory");
        }
    }

    @Test
    void badRecordsInUserFormatsAreCountedAndListed() throws Exception {
        Path shards = Files.createDirectories(launch.resolve("shards"));
        Fixtures.tar(shards.resolve("00000.tar"), Fixtures.members(
                "a.jpg", Fixtures.jpeg(Color.RED), "a.txt", "a red circle", "a.json", "{\"class\": \"circle\"}",
                "b.jpg", Fixtures.truncated(Fixtures.jpeg(Color.RED), 0.5), "b.txt", "corrupt",
                "c.png", Fixtures.png(Color.BLUE),
                "e.png", Fixtures.png(Color.CYAN), "e.txt", "a cyan circle",
                "f.png", Fixtures.png(Color.PINK), "f.txt", "a pink circle"));
        Fixtures.tar(shards.resolve("00001.tar"), Fixtures.members(
                "a.png", Fixtures.png(Color.GREEN), "a.txt", "duplicate key",
                "d.png", Fixtures.png(Color.GREEN), "d.txt", "cut", "d.json", "{}"));
        Fixtures.cutInside(shards.resolve("00001.tar"), "d.txt");
        Path folder = Files.createDirectories(launch.resolve("folder/circle"));
        Files.write(folder.resolve("x.png"), Fixtures.png(Color.ORANGE));
        Files.write(folder.resolve("y.jpg"), Fixtures.truncated(Fixtures.jpeg(Color.ORANGE), 0.3));
        Path sheet = Files.writeString(launch.resolve("formats.csv"), """
                name,role,format,path,domain,group,classes
                web,pool,webdataset,shards/{00000..00001}.tar,photo,,
                folder,test,imagefolder,folder,photo,,circle
                """);
        Path outdir = launch.resolve("results");
        NextflowRun noReference = NextflowRun.run(launch, "--input", sheet.toString(), "--outdir", outdir.toString());
        assertNotEquals(0, noReference.exitCode, noReference.describe());
        assertTrue(noReference.output.contains("similarity-matched pruning (--prune_matched) needs a 'reference' dataset"),
                noReference.describe());
        // No reference set, 3 pool samples: no matched or sized splits, and no model per split.
        Path noPruning = Files.writeString(launch.resolve("no-pruning.yaml"), "prune_matched: false\nprune_sizes: ''\ntrain_splits: ''\n");
        NextflowRun run = NextflowRun.run(launch, "--input", sheet.toString(), "--outdir", outdir.toString(),
                "-params-file", noPruning.toString());
        assertEquals(0, run.exitCode, run.describe());

        IngestManifest web = AvroJson.read(outdir.resolve("datasets/web/manifest.json"), IngestManifest.class);
        assertEquals(3, web.getNumSamples());
        assertEquals(Map.of("corrupt_image", 1L, "missing_caption", 1L, "duplicate_key", 1L, "damaged_shard", 1L),
                web.getRejectedByReason());
        assertEquals(5, Files.readAllLines(outdir.resolve("datasets/web/rejected.tsv")).size(), "header + 4 rejects");
        IngestManifest imageFolder = AvroJson.read(outdir.resolve("datasets/folder/manifest.json"), IngestManifest.class);
        assertEquals(1, imageFolder.getNumSamples());
        assertEquals(Map.of("corrupt_image", 1L), imageFolder.getRejectedByReason());
        Path model = outdir.resolve("models/reference_clip");
        assertTrue(Files.exists(model.resolve("model_card.json")), "a CLIP trained on the user's pool");
        EmbeddingManifest webEmbeddings = AvroJson.read(outdir.resolve("embeddings/web/manifest.json"), EmbeddingManifest.class);
        assertEquals(3, webEmbeddings.getNumEmbeddings());

        // The same data with --similarity_model: no training, and the embedding store already holds the result.
        Path second = launch.resolve("results-similarity-model");
        NextflowRun given = NextflowRun.run(launch, "--input", sheet.toString(), "--outdir", second.toString(),
                "--similarity_model", model.toString(), "-params-file", noPruning.toString(), "-resume");
        assertEquals(0, given.exitCode, given.describe());
        List<Map<String, String>> trace = NextflowRun.newestTrace(second);
        assertTrue(trace.stream().noneMatch(r -> r.get("process").contains("TRAIN")), "nothing trained: " + trace);
        for (String name : List.of("web", "folder")) {
            for (String file : List.of("manifest.json", "embeddings-00000.avro", "rejected.tsv")) {
                assertEquals(Hashing.sha256(outdir.resolve("embeddings").resolve(name).resolve(file)),
                        Hashing.sha256(second.resolve("embeddings").resolve(name).resolve(file)), name + "/" + file);
            }
        }

        // Precomputed embeddings (a clip-retrieval layout per dataset) are imported instead of computed, and pruned.
        Path layouts = launch.resolve("precomputed");
        ClipdgRun export = ClipdgRun.run(launch.resolve("export.log"), "embed", "--dataset=" + outdir.resolve("datasets/web"),
                "--model=" + model, "--output=" + launch.resolve("exported"), "--clipRetrievalOutput=" + layouts.resolve("web"));
        assertEquals(0, export.exitCode, export.output);
        Path third = launch.resolve("results-precomputed");
        NextflowRun imported = NextflowRun.run(launch, "--input", sheet.toString(), "--outdir", third.toString(),
                "--similarity_model", model.toString(), "--precomputed_embeddings", layouts.toString(),
                "-params-file", noPruning.toString(), "--prune_sizes", "67%", "-resume");
        assertEquals(0, imported.exitCode, imported.describe());
        EmbeddingManifest webImported = AvroJson.read(third.resolve("embeddings/web/manifest.json"), EmbeddingManifest.class);
        assertEquals("precomputed", webImported.getSource());
        assertEquals(3, webImported.getNumEmbeddings());
        for (String split : List.of("near-all-2", "far-all-2", "random-2")) {
            List<String> kept = Files.readAllLines(third.resolve("pruning/splits").resolve(split + ".tsv"));
            assertEquals(2, kept.size(), split + ": 67% of the 3 imported pool samples");
            assertTrue(kept.stream().allMatch(line -> line.startsWith("web\t")), split + ": " + kept);
        }
        EmbeddingManifest folderEmbedded = AvroJson.read(third.resolve("embeddings/folder/manifest.json"), EmbeddingManifest.class);
        assertEquals("images", folderEmbedded.getSource(), "datasets without a layout are embedded");

        NextflowRun missing = NextflowRun.run(launch, "--input", sheet.toString(), "--outdir", second.toString(),
                "--similarity_model", launch.resolve("no-model").toString(), "-params-file", noPruning.toString());
        assertNotEquals(0, missing.exitCode, missing.describe());
        assertTrue(missing.output.contains("--similarity_model '" + launch.resolve("no-model") + "': no such folder"),
                missing.describe());
        NextflowRun notAModel = NextflowRun.run(launch, "--input", sheet.toString(), "--outdir", second.toString(),
                "--similarity_model", launch.resolve("shards").toString(), "-params-file", noPruning.toString());
        assertNotEquals(0, notAModel.exitCode, notAModel.describe());
        assertTrue(notAModel.output.contains("Invalid --similarity_model " + launch.resolve("shards") + ": no model_card.json"),
                notAModel.describe());
    }
}
