package org.clipdg.domains.splits;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.split.SeededOrder;
import org.clipdg.core.split.SplitFolder.Split;

/**
 * The DG/CG splits of the third study (docs/science.md, "Domain mixtures (DG and CG)"), from the pool's
 * ground truth, per test domain d and held-out classes C: natural-only; CG low-diversity (natural +
 * d without C); CG high-diversity (all domains, d without C); leave-out-domain (all domains but d).
 * The four splits of one d are cut to the smallest one's size, each to its first samples in seeded
 * order. Samples without a ground-truth domain belong to no domain, so only natural-only and CG
 * low-diversity can hold them (when their domain_label is natural).
 */
final class DomainMixtureSplits {
    enum Rule {
        NATURAL_ONLY("natural_only", "dm_natural_only"),
        CG_LOW("cg_low", "dm_cg_low_diversity"),
        CG_HIGH("cg_high", "dm_cg_high_diversity"),
        LEAVE_OUT("leave_out", "dm_leave_out_domain");

        final String suffix;
        final String rule;

        Rule(String suffix, String rule) {
            this.suffix = suffix;
            this.rule = rule;
        }
    }

    private final String pool;
    private final List<LabelledSample> seeded;
    private final SortedSet<String> heldOut;

    /** @param seeded the pool's samples in seeded order */
    DomainMixtureSplits(String pool, List<LabelledSample> seeded, SortedSet<String> heldOut) {
        this.pool = pool;
        this.seeded = seeded;
        this.heldOut = heldOut;
    }

    /** The splits of every test domain, and the held-out classes C they share (empty with no splits). */
    record Mixtures(List<Split> splits, List<String> heldOutClasses) {
        static final Mixtures NONE = new Mixtures(List.of(), List.of());
    }

    /**
     * The splits for every test domain.
     *
     * @param domains test domains; null: every rendition domain of the pool's ground truth
     * @param heldOutClasses C; null: a seeded half of the pool's classes
     */
    static Mixtures of(String pool, List<LabelledSample> seeded, List<String> domains, List<String> heldOutClasses,
            long seed, PrintStream progress) {
        SortedSet<String> poolDomains = seeded.stream().map(LabelledSample::domain).filter(d -> !d.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        if (domains == null) {
            if (poolDomains.isEmpty()) {
                progress.printf("[domain-splits] note: pool '%s' has no ground-truth domains, so no domain-mixture splits%n",
                        pool);
                return Mixtures.NONE;
            }
            domains = List.copyOf(seeded.stream().filter(s -> s.groundTruthLabel().equals(DomainLabels.RENDITION))
                    .map(LabelledSample::domain).filter(d -> !d.isEmpty()).collect(Collectors.toCollection(TreeSet::new)));
        }
        if (domains.isEmpty()) {
            progress.printf("[domain-splits] no test domains for domain-mixture splits%n");
            return Mixtures.NONE;
        }
        for (String domain : domains) {
            if (!poolDomains.contains(domain)) {
                throw new IllegalArgumentException("--mixture-domains: domain '" + domain + "' is not in pool '" + pool
                        + "' (its ground-truth domains: " + (poolDomains.isEmpty() ? "none" : String.join(", ", poolDomains))
                        + ")");
            }
        }
        DomainMixtureSplits splits = new DomainMixtureSplits(pool, seeded, heldOut(pool, seeded, heldOutClasses, seed, progress));
        List<Split> all = new ArrayList<>();
        for (String domain : domains) {
            all.addAll(splits.splits(domain));
        }
        return new Mixtures(all, List.copyOf(splits.heldOut));
    }

    private static SortedSet<String> heldOut(String pool, List<LabelledSample> seeded, List<String> given, long seed,
            PrintStream progress) {
        SortedSet<String> classes = seeded.stream().map(LabelledSample::className).filter(c -> !c.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        if (given != null) {
            for (String name : given) {
                if (!classes.contains(name)) {
                    throw new IllegalArgumentException("--heldout-classes: '" + name + "' is not a class of pool '" + pool
                            + "' (its classes: " + (classes.isEmpty() ? "none" : String.join(";", classes)) + ")");
                }
            }
            return new TreeSet<>(given);
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the domain-mixture splits hold out classes, but no sample of pool '" + pool
                    + "' has a class; pass --mixture-domains '' to make none");
        }
        int count = Math.max(1, classes.size() / 2);
        SortedSet<String> chosen = classes.stream().sorted(Comparator.comparing(c -> SeededOrder.rank(seed, pool, c)))
                .limit(count).collect(Collectors.toCollection(TreeSet::new));
        progress.printf("[domain-splits] held-out classes (seeded %d of the pool's %d): %s%n", count, classes.size(),
                String.join(";", chosen));
        return chosen;
    }

    /** Each rule's samples before equalisation, in seeded order. */
    Map<Rule, List<LabelledSample>> admitted(String domain) {
        seeded.stream().filter(s -> s.domain().equals(domain) && s.className().isEmpty())
                .map(LabelledSample::key).min(Comparator.naturalOrder()).ifPresent(key -> {
                    throw new IllegalArgumentException("pool '" + pool + "': sample '" + key + "' of domain '" + domain
                            + "' has no class, so held-out classes cannot be applied to it");
                });
        Predicate<LabelledSample> natural = s -> s.groundTruthLabel().equals(DomainLabels.NATURAL);
        Predicate<LabelledSample> heldOutInDomain = s -> s.domain().equals(domain) && heldOut.contains(s.className());
        Map<Rule, List<LabelledSample>> admitted = new EnumMap<>(Rule.class);
        admitted.put(Rule.NATURAL_ONLY, filter(natural));
        admitted.put(Rule.CG_LOW, filter(natural.or(s -> s.domain().equals(domain) && !heldOut.contains(s.className()))));
        admitted.put(Rule.CG_HIGH, filter(s -> !s.domain().isEmpty() && !heldOutInDomain.test(s)));
        admitted.put(Rule.LEAVE_OUT, filter(s -> !s.domain().isEmpty() && !s.domain().equals(domain)));
        return admitted;
    }

    private List<LabelledSample> filter(Predicate<LabelledSample> rule) {
        return seeded.stream().filter(rule).toList();
    }

    List<Split> splits(String domain) {
        Map<Rule, List<LabelledSample>> admitted = admitted(domain);
        int size = admitted.values().stream().mapToInt(List::size).min().orElseThrow();
        if (size == 0) {
            throw new IllegalArgumentException("the domain-mixture splits of domain '" + domain + "' would be empty: "
                    + admitted.entrySet().stream().map(e -> e.getKey().suffix + " admits " + e.getValue().size())
                            .collect(Collectors.joining(", ")));
        }
        List<Split> splits = new ArrayList<>();
        for (Map.Entry<Rule, List<LabelledSample>> entry : admitted.entrySet()) {
            Rule rule = entry.getKey();
            String parameters = "domain " + domain + "; held-out classes " + String.join(";", heldOut) + "; equalised size "
                    + size + " of " + entry.getValue().size();
            splits.add(new Split("dm-" + domain + "-" + rule.suffix, rule.rule, parameters,
                    SampleEntries.of(entry.getValue().subList(0, size)), seeded.size()));
        }
        return splits;
    }
}
