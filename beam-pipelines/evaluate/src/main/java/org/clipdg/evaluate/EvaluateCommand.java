package org.clipdg.evaluate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.clipdg.core.AvroJson;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.core.metrics.MetricTable;
import org.clipdg.core.model.ModelDirectory;
import org.clipdg.core.split.Whitelist;
import org.clipdg.evaluate.mechanistic.ActivationExtraction;
import org.clipdg.evaluate.mechanistic.BlockActivationTower;
import org.clipdg.evaluate.mechanistic.MechanisticSimilarity;
import org.clipdg.evaluate.zeroshot.NearestPoolSimilarity;
import org.clipdg.evaluate.zeroshot.OnnxTextEncoder;
import org.clipdg.core.text.PromptTemplates;
import org.clipdg.evaluate.zeroshot.SimilarityAccuracy;
import org.clipdg.evaluate.zeroshot.ZeroShotEvaluation;
import org.clipdg.schema.DomainSplitsManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Zero-shot evaluation of an exported CLIP (docs/science.md, 'Evaluation'): class embeddings from prompt templates"
                + " (per class: every filled template embedded and L2-normalised, averaged, renormalised), prediction by cosine"
                + " argmax over the test set's classes; top-1 (and top-5 with more than five classes) accuracy per test set,"
                + " domain and group with 95 %% Wilson intervals; with --similarity, top-1 per bin of 1-NN similarity to the"
                + " training pool; per test set holding common and counter backgrounds, the drop acc(common) - acc(counter)"
                + " with a bootstrap interval (and per domain over all test sets); with per-block activations in the model, linear CKA"
                + " and neuron overlap between every pair of domains per block, from the test images' class-mean activations.",
                "The test sets' image embeddings must come from this model (clipdg embed --model).",
                "Writes into --out: metrics.tsv and metrics.json (one tidy table) and predictions/<test set>.tsv."},
        footer = {"", "Example: clipdg evaluate --model results/models/clip-all --embeddings emb/clip-all/sketch"
                + " --datasets results/datasets/sketch --out eval/clip-all"})
public final class EvaluateCommand implements Callable<Integer> {
    static final String DOMAIN_SPLITS_MANIFEST = "manifest.json";
    static final String CLEAN_TESTS = "clean_tests";

    @Option(names = "--model", required = true, description = "Model folder (model_card.json, text tower, tokenizer).")
    Path model;

    @Option(names = "--model-name", description = "Name in the tables (default: the model folder's name).")
    String modelName;

    @Option(names = "--split", defaultValue = "", description = "Training split of the model, for the tables (default: none).")
    String split;

    @Option(names = "--embeddings", required = true, arity = "1..*", description = "Test sets' embeddings under this model.")
    List<Path> embeddings;

    @Option(names = "--datasets", required = true, arity = "1..*", description = "Their ingested folders (classes, domains,"
            + " groups), in the same order.")
    List<Path> datasets;

    @Option(names = "--templates", defaultValue = "openai,domains",
            description = "Prompt templates: built-in sets (openai: the 80 ImageNet templates; domains) and/or files with one"
                    + " template per line, comma-separated (default: ${DEFAULT-VALUE}).")
    String templates;

    @Option(names = "--similarity", description = "The similarity step's folder (test_neighbours.avro): adds accuracy per bin"
            + " of 1-NN similarity to the training pool.")
    Path similarity;

    @Option(names = "--split-whitelist", description = "The whitelist the model was trained on: 1-NN similarity is then to"
            + " the split, not the whole pool.")
    Path splitWhitelist;

    @Option(names = "--bins", defaultValue = "quantile:5", description = "Similarity bins: quantile:Q (quantiles of all test"
            + " points together) or fixed edges, e.g. 0.5,0.7,0.9,1.0 (default: ${DEFAULT-VALUE}).")
    String bins;

    @Option(names = "--heldout-classes", split = ";", description = "Held-out classes C of a domain-mixture split"
            + " (';'-separated): adds top1_heldout, accuracy on images of C, per test set and domain.")
    List<String> heldOutClasses = List.of();

    @Option(names = "--domain-splits", description = "The domain step's splits folder (manifest.json, clean_tests/): adds"
            + " top1_clean, accuracy on each test set's clean images, and top1_heldout on the domain mixtures' held-out classes"
            + " (unless --heldout-classes names them).")
    Path domainSplits;

    @Option(names = "--mechanistic", defaultValue = "auto", description = "CKA and neuron overlap between domains: auto (when"
            + " the model card lists per-block activations), on (an error without them) or off (default: ${DEFAULT-VALUE}).")
    String mechanistic;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the bootstrap intervals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (embeddings.size() != datasets.size()) {
            throw new IllegalArgumentException("--embeddings names " + embeddings.size() + " folder(s) but --datasets "
                    + datasets.size() + "; give one dataset per embedding folder, in the same order");
        }
        ModelDirectory directory = ModelDirectory.open(model, "--model");
        List<ZeroShotEvaluation.TestSet> tests = new ArrayList<>();
        Set<String> classes = new LinkedHashSet<>();
        for (int i = 0; i < embeddings.size(); i++) {
            IngestedDataset dataset = IngestedDataset.open(datasets.get(i));
            classes.addAll(dataset.manifest().getClasses());
            tests.add(new ZeroShotEvaluation.TestSet(EmbeddedDataset.open(embeddings.get(i)), dataset));
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("no test set has a class list (the samplesheet's classes column); zero-shot"
                    + " classification needs class names");
        }
        String name = modelName != null ? modelName : model.toAbsolutePath().normalize().getFileName().toString();
        EvaluatedModel who = new EvaluatedModel(name, split, directory.card().getTraining().getSplitSha256(),
                directory.card().getTraining().getSeed());
        if (splitWhitelist != null && similarity == null) {
            throw new IllegalArgumentException("--split-whitelist needs --similarity");
        }
        for (String heldOut : heldOutClasses) {
            if (!classes.contains(heldOut)) {
                throw new IllegalArgumentException("--heldout-classes: '" + heldOut + "' is not a class of the test sets " + classes);
            }
        }
        Set<String> heldOut = new TreeSet<>(heldOutClasses);
        Map<String, Whitelist> clean = new TreeMap<>();
        if (domainSplits != null) {
            Path manifestFile = domainSplits.resolve(DOMAIN_SPLITS_MANIFEST);
            if (!Files.isRegularFile(manifestFile)) {
                throw new IllegalArgumentException("--domain-splits " + domainSplits + ": no " + DOMAIN_SPLITS_MANIFEST
                        + " (the domain-splits step's output folder holds it)");
            }
            if (heldOut.isEmpty()) {
                AvroJson.read(manifestFile, DomainSplitsManifest.class).getHeldoutClasses().stream()
                        .filter(classes::contains).forEach(heldOut::add);
            }
            for (ZeroShotEvaluation.TestSet test : tests) {
                Path file = domainSplits.resolve(CLEAN_TESTS).resolve(test.dataset().name() + ".tsv");
                if (Files.isRegularFile(file)) {
                    clean.put(test.dataset().name(), Whitelist.read(file));
                }
            }
        }
        ZeroShotEvaluation.Analyses analyses = new ZeroShotEvaluation.Analyses(similarity == null ? null
                : NearestPoolSimilarity.read(similarity, splitWhitelist == null ? null : Whitelist.read(splitWhitelist)),
                SimilarityAccuracy.Binning.parse(bins), heldOut, clean, seed);
        boolean activations = switch (mechanistic) {
            case "auto" -> !directory.card().getImageActivations().isEmpty();
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--mechanistic " + mechanistic + ": auto, on or off");
        };
        List<MetricRow> rows = new ArrayList<>();
        try (OnnxTextEncoder encoder = OnnxTextEncoder.open(directory, threads)) {
            rows.addAll(new ZeroShotEvaluation(System.err).run(who, directory.cardSha256(), encoder, List.copyOf(classes),
                    PromptTemplates.load(templates), tests, analyses, out));
        }
        if (activations) {
            try (BlockActivationTower tower = BlockActivationTower.open(directory, threads)) {
                ActivationExtraction.Result extracted = ActivationExtraction.run(tower, directory.preprocessor(),
                        tests.stream().map(ZeroShotEvaluation.TestSet::dataset).toList(), System.err);
                rows.addAll(MechanisticSimilarity.of(who, extracted.means()));
            }
        }
        MetricTable.write(out, rows);
        return 0;
    }
}
