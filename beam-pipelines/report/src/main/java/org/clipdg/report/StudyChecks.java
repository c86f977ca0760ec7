package org.clipdg.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.clipdg.core.CompositionColumns;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.DomainThresholdSets;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.core.metrics.NormalQuantile;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.report.figures.AccuracyVersusSimilarity;

/**
 * The effects of the papers (docs/science.md) that the default study's report should show, in
 * direction, each checked on this run's metrics: visible, not visible, or not measured (and why), so a reader sees at once
 * which of the papers' findings this run reproduces.
 */
public final class StudyChecks {
    /** One expected effect and what this run shows. */
    public record Check(String effect, String verdict, String evidence) {}

    static final String VISIBLE = "visible";
    static final String NOT_VISIBLE = "not visible";
    static final String NOT_MEASURED = "not measured";

    private StudyChecks() {}

    public static List<Check> of(StudyResults results) {
        return of(results.metrics(), results.testSetDomains(), results.composition(), results.domainTargetPrecision());
    }

    /**
     * @param testSetDomains each test set's domain (samplesheet), for natural and rendition test sets
     * @param composition the domain step's composition.tsv rows (empty without it)
     * @param domainTarget the domain classifier's target precision (empty without a classifier)
     */
    static List<Check> of(List<MetricRow> rows, Map<String, TestSetDomain> testSetDomains, List<Map<String, String>> composition,
            OptionalDouble domainTarget) {
        Map<String, Map<String, MetricRow>> top1 = Metrics.overall(rows, "top1");
        return List.of(strictLabelsReachTheirTarget(composition, domainTarget), naturalOnlyLosesRenditions(top1, testSetDomains),
                addedRenditionsRecover(top1, testSetDomains), accuracyRisesWithSimilarity(rows),
                pruningCostsLessThanALeftOutDomain(top1, testSetDomains), counterBackgroundsCost(rows));
    }

    public static Table table(List<Check> checks) {
        return new Table("study_checks", "The papers' effects in this run", "Each effect of the papers that the default study"
                + " should show, in direction, checked on this run's metrics.", List.of("effect", "in this run", "evidence"),
                checks.stream().map(c -> List.of(c.effect(), c.verdict(), c.evidence())).toList());
    }

    /**
     * The strict thresholds are set where the validation precision reaches the target, so on images
     * the classifier never saw their precision scatters around it, below it about half the time. The
     * labels reach the target when none of those precisions falls short of the validation precision by
     * more than chance: its z against it (composition.tsv's {@code _z} columns, which count the
     * sampling error of both) is at least -1.96, the one-sided 2.5% level of the 95% intervals beside
     * it. A pool whose domains are known decides by its precision against them, with the labels its
     * strict subsets were made from: the thresholds adjusted to its prevalence (strict_pool) where it
     * has them, else the calibrated ones; without one, the labelled data's test split decides, and is
     * given as evidence either way.
     */
    private static Check strictLabelsReachTheirTarget(List<Map<String, String>> composition, OptionalDouble target) {
        String effect = "strict domain labels reach the target precision on images the classifier never saw";
        if (target.isEmpty()) {
            return new Check(effect, NOT_MEASURED, "no domain classifier (it missed its target precision on the validation"
                    + " split, or the samplesheet has no labelled dataset)");
        }
        List<Map<String, String>> strict = withThresholds(composition, DomainThresholdSets.STRICT);
        if (strict.isEmpty()) {
            return new Check(effect, NOT_MEASURED, "no strict rows in the composition table");
        }
        Map<String, String> any = strict.get(0);
        String natural = CompositionColumns.testPrecision(DomainLabels.NATURAL);
        String rendition = CompositionColumns.testPrecision(DomainLabels.RENDITION);
        StringBuilder evidence = new StringBuilder(String.format(Locale.ROOT, "target %.2f, each precision with its z against"
                + " the validation split's; labelled data's test split: natural %s (z %s), rendition %s (z %s)",
                target.getAsDouble(), any.get(natural), any.get(CompositionColumns.z(natural)), any.get(rendition),
                any.get(CompositionColumns.z(rendition))));
        Set<String> adjusted = withThresholds(composition, DomainThresholdSets.STRICT_POOL).stream()
                .map(row -> row.get(CompositionColumns.DATASET)).collect(Collectors.toSet());
        List<Map<String, String>> pools = composition.stream()
                .filter(row -> row.get(CompositionColumns.ROLE).equals(Role.POOL.id()))
                .filter(row -> row.get(CompositionColumns.THRESHOLDS).equals(adjusted.contains(row.get(CompositionColumns.DATASET))
                        ? DomainThresholdSets.STRICT_POOL : DomainThresholdSets.STRICT))
                .filter(row -> CompositionColumns.DECIDED_LABELS.stream()
                        .anyMatch(label -> !row.get(CompositionColumns.truthPrecision(label)).isEmpty()))
                .toList();
        boolean reached = true;
        for (Map<String, String> pool : pools) {
            reached &= poolReaches(pool, evidence);
        }
        if (pools.isEmpty()) {
            reached = notSignificantlyBelow(any.get(CompositionColumns.z(natural)))
                    && notSignificantlyBelow(any.get(CompositionColumns.z(rendition)));
        }
        return new Check(effect, reached ? VISIBLE : NOT_VISIBLE, evidence.toString());
    }

    private static List<Map<String, String>> withThresholds(List<Map<String, String>> composition, String thresholds) {
        return composition.stream().filter(row -> row.get(CompositionColumns.THRESHOLDS).equals(thresholds)).toList();
    }

    /**
     * Whether no label the pool's strict labels gave is significantly less precise against its ground
     * truth than on the validation split; appends the precisions, intervals and z to {@code evidence}.
     */
    private static boolean poolReaches(Map<String, String> pool, StringBuilder evidence) {
        boolean reached = true;
        List<String> precisions = new ArrayList<>();
        for (String label : CompositionColumns.DECIDED_LABELS) {
            String column = CompositionColumns.truthPrecision(label);
            if (pool.get(column).isEmpty()) {
                precisions.add(label + " none given");
                continue;
            }
            precisions.add(String.format(Locale.ROOT, "%s %s (%s-%s, z %s)", label, pool.get(column),
                    pool.get(CompositionColumns.low(column)), pool.get(CompositionColumns.high(column)),
                    pool.get(CompositionColumns.z(column))));
            reached &= notSignificantlyBelow(pool.get(CompositionColumns.z(column)));
        }
        String thresholds = pool.get(CompositionColumns.THRESHOLDS).equals(DomainThresholdSets.STRICT_POOL)
                ? " (thresholds adjusted to its prevalence)" : "";
        evidence.append("; ").append(pool.get(CompositionColumns.DATASET)).append(thresholds)
                .append(" against its ground truth, 95% interval: ").append(String.join(", ", precisions));
        return reached;
    }

    /**
     * A z of a precision against the validation split's not below -1.96; false when there is none
     * (nothing to compare, or a composition.tsv written before the z columns).
     */
    private static boolean notSignificantlyBelow(String z) {
        return z != null && !z.isEmpty() && Double.parseDouble(z) >= -NormalQuantile.twoSided(0.95);
    }

    /**
     * natural_only against all; without those (no domain labels), a domain mixture's natural-only
     * split against its CG high-diversity split: the same size, every domain, by ground truth.
     */
    private static Check naturalOnlyLosesRenditions(Map<String, Map<String, MetricRow>> top1, Map<String, TestSetDomain> domains) {
        String effect = "natural-only training loses rendition accuracy";
        Optional<Map<String, MetricRow>> all = bySplit(top1, "all");
        Optional<Map<String, MetricRow>> natural = bySplit(top1, "natural_only");
        if (all.isPresent() && natural.isPresent()) {
            return renditionsLost(effect, "natural_only vs all", natural.get(), all.get(), domains);
        }
        Optional<String> mixture = top1.values().stream().map(bySet -> bySet.values().iterator().next().split())
                .filter(split -> split.startsWith("dm-") && split.endsWith("-natural_only")).sorted()
                .map(split -> split.substring(0, split.length() - "-natural_only".length()))
                .filter(prefix -> bySplit(top1, prefix + "-cg_high").isPresent()).findFirst();
        if (mixture.isPresent()) {
            String prefix = mixture.get();
            return renditionsLost(effect, prefix + "-natural_only vs " + prefix + "-cg_high (same size, domains by ground"
                    + " truth)", bySplit(top1, prefix + "-natural_only").orElseThrow(),
                    bySplit(top1, prefix + "-cg_high").orElseThrow(), domains);
        }
        return new Check(effect, NOT_MEASURED, "needs models on the splits all and natural_only (natural_only exists"
                + " only when domain labelling reaches its target precision), or on a domain mixture's dm-<domain>-natural_only"
                + " and dm-<domain>-cg_high");
    }

    private static Check renditionsLost(String effect, String comparison, Map<String, MetricRow> natural,
            Map<String, MetricRow> baseline, Map<String, TestSetDomain> domains) {
        List<String> lower = new ArrayList<>();
        List<String> renditionSets = sets(domains, DomainLabels.RENDITION, baseline);
        for (String set : renditionSets) {
            if (!natural.containsKey(set)) {
                continue;
            }
            double delta = natural.get(set).value() - baseline.get(set).value();
            if (delta < 0) {
                lower.add(String.format(Locale.ROOT, "%s %+.1f", set, 100 * delta));
            }
        }
        return new Check(effect, !renditionSets.isEmpty() && lower.size() * 2 > renditionSets.size() ? VISIBLE : NOT_VISIBLE,
                comparison + ": top-1 lower on " + lower.size() + " of " + renditionSets.size() + " rendition test sets"
                        + (lower.isEmpty() ? "" : " (points: " + String.join(", ", lower) + ")"));
    }

    private static Check addedRenditionsRecover(Map<String, Map<String, MetricRow>> top1, Map<String, TestSetDomain> domains) {
        String effect = "adding renditions recovers rendition accuracy";
        TreeMap<Integer, Map<String, MetricRow>> byCount = new TreeMap<>();
        top1.values().forEach(bySet -> {
            String split = bySet.values().iterator().next().split();
            if (split.startsWith("add_renditions-")) {
                byCount.put(Integer.parseInt(split.substring("add_renditions-".length())), bySet);
            }
        });
        if (byCount.size() < 2) {
            return new Check(effect, NOT_MEASURED, "needs models on two or more add_renditions-<k> splits (made by"
                    + " --add_renditions when domain labelling reaches its target precision; name them in --train_splits)");
        }
        List<String> sets = sets(domains, DomainLabels.RENDITION, byCount.firstEntry().getValue());
        long rising = sets.stream().filter(set -> byCount.lastEntry().getValue().containsKey(set)
                && byCount.lastEntry().getValue().get(set).value() > byCount.firstEntry().getValue().get(set).value()).count();
        return new Check(effect, !sets.isEmpty() && rising * 2 > sets.size() ? VISIBLE : NOT_VISIBLE, "top-1 with "
                + byCount.lastKey() + " added renditions above that with " + byCount.firstKey() + " on " + rising + " of "
                + sets.size() + " rendition test sets");
    }

    private static Check accuracyRisesWithSimilarity(List<MetricRow> rows) {
        String effect = "accuracy rises with 1-NN similarity to the training data";
        List<String> lines = new ArrayList<>();
        boolean any = false;
        boolean allRise = true;
        for (String model : Metrics.models(rows)) {
            Map<String, List<MetricRow>> bins = new TreeMap<>();
            rows.stream().filter(r -> r.model().equals(model) && r.metric().equals("top1") && !r.bin().isEmpty())
                    .forEach(r -> bins.computeIfAbsent(r.testSet(), t -> new ArrayList<>()).add(r));
            long compared = 0;
            long rising = 0;
            for (List<MetricRow> sets : bins.values()) {
                if (sets.size() >= 2) {
                    sets.sort(Comparator.comparingDouble(r -> AccuracyVersusSimilarity.midpoint(r.bin())));
                    compared++;
                    rising += sets.get(sets.size() - 1).value() > sets.get(0).value() ? 1 : 0;
                }
            }
            if (compared > 0) {
                any = true;
                allRise &= rising * 2 > compared;
                lines.add(model + ": " + rising + " of " + compared);
            }
        }
        if (!any) {
            return new Check(effect, NOT_MEASURED, "no similarity bins (evaluation without --similarity)");
        }
        return new Check(effect, allRise ? VISIBLE : NOT_VISIBLE, "test sets where the highest bin beats the lowest: "
                + String.join("; ", lines));
    }

    private static Check pruningCostsLessThanALeftOutDomain(Map<String, Map<String, MetricRow>> top1, Map<String, TestSetDomain> domains) {
        String effect = "similarity-matched pruning costs less than removing a whole domain";
        Optional<Map<String, MetricRow>> all = bySplit(top1, "all");
        Optional<Map<String, MetricRow>> pruned = bySplit(top1, "similarity_matched-combined");
        List<String> compared = new ArrayList<>();
        long less = 0;
        if (all.isPresent() && pruned.isPresent()) {
            for (Map<String, MetricRow> bySet : top1.values()) {
                String split = bySet.values().iterator().next().split();
                if (split.startsWith("dm-") && split.endsWith("-leave_out")) {
                    String domain = split.substring(3, split.length() - "-leave_out".length());
                    for (String set : sets(domains, domain, bySet)) {
                        if (!all.get().containsKey(set) || !pruned.get().containsKey(set)) {
                            continue;
                        }
                        double prunedCost = all.get().get(set).value() - pruned.get().get(set).value();
                        double leftOutCost = all.get().get(set).value() - bySet.get(set).value();
                        less += prunedCost < leftOutCost ? 1 : 0;
                        compared.add(String.format(Locale.ROOT, "%s: pruning %.1f, leaving %s out %.1f points", set,
                                100 * prunedCost, domain, 100 * leftOutCost));
                    }
                }
            }
        }
        if (compared.isEmpty()) {
            return new Check(effect, NOT_MEASURED, "needs models on all, similarity_matched-combined and a dm-<domain>-leave_out"
                    + " split (the mixture study's, made from the pool's ground-truth domains)");
        }
        return new Check(effect, less * 2 > compared.size() ? VISIBLE : NOT_VISIBLE, String.join("; ", compared));
    }

    private static Check counterBackgroundsCost(List<MetricRow> rows) {
        String effect = "counter backgrounds cost accuracy";
        List<MetricRow> drops = rows.stream().filter(r -> r.metric().equals("top1_drop") && r.domain().isEmpty()).toList();
        if (drops.isEmpty()) {
            return new Check(effect, NOT_MEASURED, "no test set holds both common and counter backgrounds");
        }
        long costly = drops.stream().filter(r -> r.ciLow() > 0).count();
        return new Check(effect, costly * 2 > drops.size() ? VISIBLE : NOT_VISIBLE, "drop with a 95 % interval above zero for "
                + costly + " of " + drops.size() + " (model, test set) pairs");
    }

    private static Optional<Map<String, MetricRow>> bySplit(Map<String, Map<String, MetricRow>> top1, String split) {
        return top1.values().stream().filter(bySet -> bySet.values().iterator().next().split().equals(split)).findFirst();
    }

    /** Test sets of {@code bySet} whose domain is {@code domain}, or whose domain label is, for natural/rendition. */
    private static List<String> sets(Map<String, TestSetDomain> domains, String domain, Map<String, MetricRow> bySet) {
        return bySet.keySet().stream().filter(set -> {
            TestSetDomain own = domains.getOrDefault(set, new TestSetDomain("", ""));
            return own.domain().equals(domain) || own.label().equals(domain);
        }).toList();
    }
}
