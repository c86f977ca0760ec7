package org.clipdg.domains.classifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.core.split.SeededOrder;

/**
 * The 75 / 12.5 / 12.5 % train / validation / test split of the labelled samples, stratified by
 * label: within each label, samples in {@link SeededOrder} go to train, then validation, then test.
 */
public final class DataSplit {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    public static final List<String> PARTS = List.of(TRAIN, VALIDATION, TEST);

    private DataSplit() {}

    /** The part of every sample, by position. */
    public static String[] assign(String[] datasets, String[] keys, String[] labels, long seed) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            byLabel.computeIfAbsent(labels[i], label -> new ArrayList<>()).add(i);
        }
        String[] parts = new String[keys.length];
        for (List<Integer> members : byLabel.values()) {
            String[] rank = new String[keys.length];
            members.forEach(i -> rank[i] = SeededOrder.rank(seed, datasets[i], keys[i]));
            members.sort(Comparator.comparing((Integer i) -> rank[i]));
            long train = Math.round(members.size() * 0.75);
            long validation = Math.round(members.size() * 0.125);
            for (int n = 0; n < members.size(); n++) {
                parts[members.get(n)] = n < train ? TRAIN : n < train + validation ? VALIDATION : TEST;
            }
        }
        return parts;
    }
}
