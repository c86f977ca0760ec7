package org.clipdg.domains.splits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.DomainThresholdSets;
import org.clipdg.domains.LabelRule;
import org.clipdg.domains.classifier.DataSplit;
import org.clipdg.domains.prevalence.PrevalenceEstimate;

/**
 * prevalence.tsv: per class of the classifier, the pool's estimated prevalence with its bootstrap
 * interval, the priors it was estimated from and weighted against, both strict threshold sets and the
 * validation precision each reaches at the pool's prevalence; and, on every row, what reproduces it.
 * A strict_pool threshold is empty when no threshold reaches the target.
 */
final class PrevalenceTable {
    static final String FILE = "prevalence.tsv";
    private static final String STRICT = DomainThresholdSets.STRICT;
    private static final String STRICT_POOL = DomainThresholdSets.STRICT_POOL;
    static final String HEADER = String.join("\t", "class", "source_prior", "validation_prior", "pool_prevalence",
            "pool_prevalence_low", "pool_prevalence_high", "weight", STRICT + "_threshold", STRICT + "_precision_at_pool",
            STRICT_POOL + "_threshold", STRICT_POOL + "_precision_at_pool", "target_precision", "pool", "pool_samples",
            "bootstrap_resamples", "seed") + "\n";

    private PrevalenceTable() {}

    static void write(Path file, PoolAdjustment adjustment, List<DatasetLabels> pools) throws IOException {
        AtomicFiles.writeString(file, tsv(adjustment, pools));
    }

    static String tsv(PoolAdjustment adjustment, List<DatasetLabels> pools) {
        List<String> classes = adjustment.heldOut().classes();
        PrevalenceEstimate prevalence = adjustment.prevalence();
        double[] source = adjustment.heldOut().trainPrior();
        double[] validation = adjustment.heldOut().validation().prior(classes);
        double[] weights = adjustment.validationWeights();
        String provenance = String.join("\t", format(adjustment.targetPrecision()),
                String.join(",", pools.stream().map(DatasetLabels::name).toList()),
                Long.toString(pools.stream().mapToLong(pool -> pool.samples().size()).sum()),
                Integer.toString(prevalence.resamples()), Long.toString(prevalence.seed()));
        StringBuilder tsv = new StringBuilder(HEADER);
        for (int c = 0; c < classes.size(); c++) {
            String label = classes.get(c);
            List<String> row = new ArrayList<>(List.of(label, format(source[c]), format(validation[c]),
                    format(prevalence.prevalence()[c]), format(prevalence.low()[c]), format(prevalence.high()[c]),
                    Double.isNaN(weights[c]) ? "" : format(weights[c])));
            row.addAll(thresholdAndPrecision(adjustment, Optional.of(adjustment.calibratedRule()), label));
            row.addAll(thresholdAndPrecision(adjustment, adjustment.poolRule(), label));
            row.add(provenance);
            tsv.append(String.join("\t", row)).append('\n');
        }
        return tsv.toString();
    }

    /** The rule's threshold of the label and the validation precision it reaches at the pool's prevalence. */
    private static List<String> thresholdAndPrecision(PoolAdjustment adjustment, Optional<LabelRule> rule, String label) {
        if (rule.isEmpty() || label.equals(DomainLabels.AMBIGUOUS)) {
            return List.of("", "");
        }
        double threshold = label.equals(DomainLabels.NATURAL) ? rule.get().strictNatural() : rule.get().strictRendition();
        String precision = adjustment.atPoolPrevalence(rule.get()).of(DataSplit.VALIDATION, label)
                .map(p -> format(p.value())).orElse("");
        // The shortest decimal that is the float the rule compares with.
        return List.of(Float.toString((float) threshold), precision);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
