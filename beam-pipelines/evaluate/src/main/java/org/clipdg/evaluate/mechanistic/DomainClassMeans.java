package org.clipdg.evaluate.mechanistic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Running sums of per-block activations by (domain, class), from which the class-mean activation
 * matrices of each domain are read. Block widths are fixed by the first image added.
 */
public final class DomainClassMeans {
    private final List<String> blocks;
    private final Map<String, Map<String, Sum>> byDomain = new TreeMap<>();
    private int[] widths;

    private static final class Sum {
        long images;
        final double[][] total;

        Sum(int[] widths) {
            total = new double[widths.length][];
            for (int b = 0; b < widths.length; b++) {
                total[b] = new double[widths[b]];
            }
        }
    }

    public DomainClassMeans(List<String> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public List<String> blocks() {
        return blocks;
    }

    /** Adds one image's activations, {@code [block][unit]}. */
    public void add(String domain, String className, float[][] activations) {
        if (activations.length != blocks.size()) {
            throw new IllegalArgumentException("activations of " + activations.length + " blocks, expected " + blocks.size());
        }
        if (widths == null) {
            widths = new int[activations.length];
            for (int b = 0; b < widths.length; b++) {
                widths[b] = activations[b].length;
            }
        }
        Sum sum = byDomain.computeIfAbsent(domain, d -> new TreeMap<>()).computeIfAbsent(className, c -> new Sum(widths));
        for (int b = 0; b < activations.length; b++) {
            if (activations[b].length != widths[b]) {
                throw new IllegalArgumentException(blocks.get(b) + ": " + activations[b].length + " units, earlier images had "
                        + widths[b]);
            }
            for (int u = 0; u < widths[b]; u++) {
                sum.total[b][u] += activations[b][u];
            }
        }
        sum.images++;
    }

    public Set<String> domains() {
        return byDomain.keySet();
    }

    /** Classes with at least one image in both domains, sorted. */
    public List<String> sharedClasses(String a, String b) {
        List<String> shared = new ArrayList<>(byDomain.getOrDefault(a, Map.of()).keySet());
        shared.retainAll(byDomain.getOrDefault(b, Map.of()).keySet());
        return shared;
    }

    /** The domain's mean activation of each of {@code classes} in {@code block}: {@code [class][unit]}. */
    public double[][] classMeans(String domain, int block, List<String> classes) {
        double[][] means = new double[classes.size()][];
        for (int c = 0; c < means.length; c++) {
            Sum sum = byDomain.get(domain).get(classes.get(c));
            means[c] = new double[widths[block]];
            for (int u = 0; u < means[c].length; u++) {
                means[c][u] = sum.total[block][u] / sum.images;
            }
        }
        return means;
    }
}
