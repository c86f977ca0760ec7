package org.clipdg.domains.splits;

import java.util.List;

/** Whitelist entries: the {@code (dataset, key)} pairs of samples. */
final class SampleEntries {
    private SampleEntries() {}

    static List<String[]> of(List<LabelledSample> samples) {
        return samples.stream().map(sample -> new String[] {sample.dataset(), sample.key()}).toList();
    }
}
