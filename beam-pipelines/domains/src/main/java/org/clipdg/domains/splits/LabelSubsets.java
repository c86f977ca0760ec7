package org.clipdg.domains.splits;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.split.SplitFolder.Split;

/**
 * The pool subsets defined by the classifier's labels (docs/science.md, "Domain labelling"): natural-only,
 * rendition-only, mixtures of a fixed total at rendition:natural ratios, and fixed naturals plus k
 * added renditions. Every subset takes the first samples of a label in seeded order, so smaller
 * subsets are nested in larger ones.
 */
final class LabelSubsets {
    private final int poolSize;
    private final Thresholds thresholds;
    private final List<LabelledSample> naturals;
    private final List<LabelledSample> renditions;

    /** @param seeded the pool's samples in seeded order */
    LabelSubsets(List<LabelledSample> seeded, Thresholds thresholds) {
        this.poolSize = seeded.size();
        this.thresholds = thresholds;
        this.naturals = withLabel(seeded, DomainLabels.NATURAL);
        this.renditions = withLabel(seeded, DomainLabels.RENDITION);
    }

    private List<LabelledSample> withLabel(List<LabelledSample> seeded, String label) {
        return seeded.stream().filter(sample -> thresholds.labelOf(sample).equals(label)).toList();
    }

    List<Split> labelOnly() {
        String parameters = "thresholds " + thresholds;
        return List.of(split("natural_only", "natural_only", parameters, naturals),
                split("rendition_only", "rendition_only", parameters, renditions));
    }

    /** The largest total that every ratio can meet with the pool's renditions and naturals. */
    long largestMixtureTotal(List<MixRatio> ratios) {
        long feasible = 0;
        long infeasible = (long) naturals.size() + renditions.size() + 1;
        // Feasibility is monotone in the total: both parts of a mixture grow (by 0 or 1) with it.
        while (infeasible - feasible > 1) {
            long total = (feasible + infeasible) / 2;
            if (ratios.stream().allMatch(ratio -> fits(ratio, total))) {
                feasible = total;
            } else {
                infeasible = total;
            }
        }
        if (feasible == 0) {
            throw new IllegalArgumentException("no mixture of ratios " + MixRatio.join(ratios) + " can be made: the pool has "
                    + available());
        }
        return feasible;
    }

    private boolean fits(MixRatio ratio, long total) {
        long rendition = ratio.renditionsOf(total);
        return rendition <= renditions.size() && total - rendition <= naturals.size();
    }

    List<Split> mixtures(List<MixRatio> ratios, long total) {
        List<Split> splits = new ArrayList<>();
        for (MixRatio ratio : ratios) {
            long rendition = ratio.renditionsOf(total);
            if (!fits(ratio, total)) {
                throw new IllegalArgumentException("mixture " + ratio + " of " + total + " needs " + rendition
                        + " renditions and " + (total - rendition) + " naturals; the pool has " + available());
            }
            splits.add(split("mix-" + ratio.fileForm() + "-" + total, "mixture",
                    "rendition:natural " + ratio + "; total " + total + "; thresholds " + thresholds,
                    concat(naturals.subList(0, (int) (total - rendition)), renditions.subList(0, (int) rendition))));
        }
        return splits;
    }

    /** @param naturalBase naturals kept in every split; 0: all of them */
    List<Split> addedRenditions(List<Integer> counts, int naturalBase) {
        if (counts.isEmpty()) {
            return List.of();
        }
        if (naturalBase > naturals.size()) {
            throw new IllegalArgumentException("--natural-base " + naturalBase + " needs " + naturalBase
                    + " naturals; the pool has " + available());
        }
        List<LabelledSample> base = naturalBase == 0 ? naturals : naturals.subList(0, naturalBase);
        String baseWords = naturalBase == 0 ? "all " + base.size() : "first " + base.size();
        List<Split> splits = new ArrayList<>();
        for (int count : counts) {
            if (count > renditions.size()) {
                throw new IllegalArgumentException("add_renditions " + count + " needs " + count + " renditions; the pool has "
                        + available());
            }
            splits.add(split("add_renditions-" + count, "added_renditions", "naturals " + baseWords + "; added renditions "
                    + count + "; thresholds " + thresholds, concat(base, renditions.subList(0, count))));
        }
        return splits;
    }

    private String available() {
        return renditions.size() + " renditions and " + naturals.size() + " naturals (" + thresholds + " labels)";
    }

    private static List<LabelledSample> concat(List<LabelledSample> first, List<LabelledSample> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private Split split(String name, String rule, String parameters, List<LabelledSample> kept) {
        return new Split(name, rule, parameters, SampleEntries.of(kept), poolSize);
    }
}
