package org.clipdg.domains.splits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.CompositionColumns;
import org.clipdg.core.split.SplitFolder;
import org.clipdg.core.split.SplitFolder.Split;
import org.clipdg.domains.prevalence.PrevalenceEstimate;
import org.clipdg.schema.DomainSplitsManifest;
import org.clipdg.schema.SplitSummary;

/**
 * Computes every split of a plan, then writes the pool's splits (splits/, splits.tsv), the clean
 * test sets (clean_tests/, clean_tests.tsv; kept apart because splits/ feeds training),
 * composition.tsv, prevalence.tsv and manifest.json (last). The pool's strict subsets use the strict
 * thresholds adjusted to its estimated prevalence ({@link PoolAdjustment}); where no threshold
 * reaches the target at that prevalence there are none, as there are no strict labels when the
 * calibration misses it. Clean test sets keep the calibrated ones. Without a classifier only the
 * ground-truth splits (the domain mixtures) and composition rows are made, clean_tests/ stays empty
 * and there is no prevalence.tsv.
 */
final class DomainSplitsWriter {
    static final String MANIFEST = "manifest.json";
    static final String CLEAN_TESTS = "clean_tests";
    private static final String STEP = "domain-splits";

    private final PrintStream progress;

    DomainSplitsWriter(PrintStream progress) {
        this.progress = progress;
    }

    DomainSplitsManifest write(DomainSplitInputs inputs, DomainSplitsPlan plan, Path out) throws IOException {
        List<LabelledSample> poolSamples = inputs.pools().stream().flatMap(pool -> pool.samples().stream()).toList();
        Optional<PoolAdjustment> adjustment = inputs.classifier()
                .map(c -> PoolAdjustment.of(c.heldOut(), c.card(), poolSamples, plan.seed()));
        adjustment.ifPresent(this::report);
        DomainSplitInputs labelled = adjustment.flatMap(PoolAdjustment::poolRule).map(inputs::withLabelsStrictPool)
                .orElse(inputs);
        String pool = labelled.poolName();
        List<LabelledSample> seeded = DatasetLabels.inSeededOrder(labelled.pools(), plan.seed());
        List<Split> poolSplits = new ArrayList<>();
        if (adjustment.isPresent()) {
            Optional<Thresholds> subsetThresholds = plan.thresholds() != Thresholds.STRICT_POOL ? Optional.of(plan.thresholds())
                    : adjustment.get().poolRule().map(rule -> Thresholds.STRICT_POOL);
            if (subsetThresholds.isPresent()) {
                poolSplits.addAll(labelSplits(seeded, plan, subsetThresholds.get()));
            } else {
                progress.printf("[%s] warning: no label subsets of the pool: %s%n", STEP, adjustment.get().unreachable());
            }
        } else {
            progress.printf("[%s] no domain classifier: only the domain-mixture splits (from ground truth) and the"
                    + " ground-truth composition%n", STEP);
        }
        DomainMixtureSplits.Mixtures mixtures = DomainMixtureSplits.of(pool, seeded, plan.mixtureDomains(),
                plan.heldOutClasses(), plan.seed(), progress);
        poolSplits.addAll(mixtures.splits());
        List<Split> cleanTests = inputs.classifier().isPresent() ? CleanTestSets.of(inputs.datasets()) : List.of();

        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(MANIFEST));
        List<SplitSummary> summaries = writeAll(SplitFolder.create(out, progress, STEP), poolSplits);
        writeAll(SplitFolder.create(out, CLEAN_TESTS, progress, STEP), cleanTests);
        CompositionTable.write(out.resolve(CompositionColumns.FILE), labelled.datasets(), labelSets(inputs, adjustment));
        Files.deleteIfExists(out.resolve(PrevalenceTable.FILE));
        if (adjustment.isPresent()) {
            PrevalenceTable.write(out.resolve(PrevalenceTable.FILE), adjustment.get(), inputs.pools());
        }
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
                .setPoolSamples(seeded.size())
                .setSeed(plan.seed())
                .setSplits(summaries)
                .setHeldoutClasses(mixtures.heldOutClasses())
                .setToolVersion(ClipdgVersion.get())
                .build();
        AvroJson.write(out.resolve(MANIFEST), manifest);
        return manifest;
    }

    /** The classifier's label sets with their held-out precision: default and strict from the card, strict_pool weighted. */
    private static Map<Thresholds, HeldOutPrecision> labelSets(DomainSplitInputs inputs, Optional<PoolAdjustment> adjustment) {
        Map<Thresholds, HeldOutPrecision> sets = new EnumMap<>(Thresholds.class);
        inputs.classifier().ifPresent(classifier -> {
            sets.put(Thresholds.DEFAULT, HeldOutPrecision.ofCard(classifier.card(), Thresholds.DEFAULT.toString()));
            sets.put(Thresholds.STRICT, HeldOutPrecision.ofCard(classifier.card(), Thresholds.STRICT.toString()));
        });
        adjustment.ifPresent(a -> a.poolRule().ifPresent(rule -> sets.put(Thresholds.STRICT_POOL, a.atPoolPrevalence(rule))));
        return sets;
    }

    private void report(PoolAdjustment adjustment) {
        List<String> classes = adjustment.heldOut().classes();
        double[] source = adjustment.heldOut().trainPrior();
        PrevalenceEstimate estimate = adjustment.prevalence();
        for (int c = 0; c < classes.size(); c++) {
            progress.printf(Locale.ROOT, "[%s] pool prevalence of %s: %.4f (95%% interval %.4f-%.4f; labelled train split %.4f)%n",
                    STEP, classes.get(c), estimate.prevalence()[c], estimate.low()[c], estimate.high()[c], source[c]);
        }
        adjustment.poolRule().ifPresent(rule -> progress.printf(Locale.ROOT, "[%s] strict thresholds at the pool's prevalence:"
                + " natural %s, rendition %s (calibrated: natural %s, rendition %s)%n", STEP, (float) rule.strictNatural(),
                (float) rule.strictRendition(), (float) adjustment.calibratedRule().strictNatural(),
                (float) adjustment.calibratedRule().strictRendition()));
    }

    /** The subsets and mixtures of the pool by its classifier labels. */
    private List<Split> labelSplits(List<LabelledSample> seeded, DomainSplitsPlan plan, Thresholds thresholds) {
        LabelSubsets subsets = new LabelSubsets(seeded, thresholds);
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
