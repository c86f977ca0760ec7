package org.clipdg.domains.splits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.split.SplitFolder;
import org.clipdg.core.split.SplitFolder.Split;
import org.clipdg.schema.DomainSplitsManifest;
import org.clipdg.schema.SplitSummary;

/**
 * Computes every split of a plan, then writes the pool's splits (splits/, splits.tsv), the clean
 * test sets (clean_tests/, clean_tests.tsv; kept apart because splits/ feeds training),
 * composition.tsv and manifest.json (last). Without a classifier only the ground-truth splits (the
 * domain mixtures) and composition rows are made, and clean_tests/ stays empty.
 */
final class DomainSplitsWriter {
    static final String MANIFEST = "manifest.json";
    static final String CLEAN_TESTS = "clean_tests";
    static final String COMPOSITION = "composition.tsv";
    private static final String STEP = "domain-splits";

    private final PrintStream progress;

    DomainSplitsWriter(PrintStream progress) {
        this.progress = progress;
    }

    DomainSplitsManifest write(DomainSplitInputs inputs, DomainSplitsPlan plan, Path out) throws IOException {
        DatasetLabels pool = inputs.pool();
        List<LabelledSample> seeded = pool.inSeededOrder(plan.seed());
        List<Split> poolSplits = new ArrayList<>();
        if (inputs.classifier().isPresent()) {
            poolSplits.addAll(labelSplits(pool.name(), seeded, plan));
        } else {
            progress.printf("[%s] no domain classifier: only the domain-mixture splits (from ground truth) and the"
                    + " ground-truth composition%n", STEP);
        }
        DomainMixtureSplits.Mixtures mixtures = DomainMixtureSplits.of(pool.name(), seeded, plan.mixtureDomains(),
                plan.heldOutClasses(), plan.seed(), progress);
        poolSplits.addAll(mixtures.splits());
        List<Split> cleanTests = inputs.classifier().isPresent() ? CleanTestSets.of(inputs.datasets()) : List.of();

        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(MANIFEST));
        List<SplitSummary> summaries = writeAll(SplitFolder.create(out, progress, STEP), poolSplits);
        writeAll(SplitFolder.create(out, CLEAN_TESTS, progress, STEP), cleanTests);
        CompositionTable.write(out.resolve(COMPOSITION), inputs.datasets(),
                inputs.classifier().map(DomainSplitInputs.Classifier::card));
        Map<String, String> labelManifests = new TreeMap<>();
        if (inputs.classifier().isPresent()) {
            for (DatasetLabels dataset : inputs.datasets()) {
                labelManifests.put(dataset.name(), dataset.labelManifestSha256());
            }
        }
        DomainSplitsManifest manifest = DomainSplitsManifest.newBuilder()
                .setClassifierCardSha256(inputs.classifier().map(DomainSplitInputs.Classifier::cardSha256).orElse(null))
                .setTargetPrecision(inputs.classifier().map(c -> c.card().getTargetPrecision()).orElse(null))
                .setLabelManifests(labelManifests)
                .setPoolSamples(pool.samples().size())
                .setSeed(plan.seed())
                .setSplits(summaries)
                .setHeldoutClasses(mixtures.heldOutClasses())
                .setToolVersion(ClipdgVersion.get())
                .build();
        AvroJson.write(out.resolve(MANIFEST), manifest);
        return manifest;
    }

    /** The subsets and mixtures of the pool by its classifier labels. */
    private List<Split> labelSplits(String pool, List<LabelledSample> seeded, DomainSplitsPlan plan) {
        LabelSubsets subsets = new LabelSubsets(pool, seeded, plan.thresholds());
        List<Split> splits = new ArrayList<>(subsets.labelOnly());
        if (!plan.ratios().isEmpty()) {
            long total = plan.mixTotal();
            if (total == 0) {
                total = subsets.largestMixtureTotal(plan.ratios());
                progress.printf("[%s] mixture total %,d: the largest every ratio (%s) can meet%n", STEP, total,
                        MixRatio.join(plan.ratios()));
            }
            splits.addAll(subsets.mixtures(plan.ratios(), total));
        }
        splits.addAll(subsets.addedRenditions(plan.addRenditions(), plan.naturalBase()));
        return splits;
    }

    private static List<SplitSummary> writeAll(SplitFolder folder, List<Split> splits) throws IOException {
        for (Split split : splits) {
            folder.add(split);
        }
        return folder.finish();
    }
}
