package org.clipdg.domains.splits;

import java.util.List;

/** Whitelist entries: {@code (dataset, key)} pairs of one dataset's samples. */
final class SampleEntries {
    private SampleEntries() {}

    static List<String[]> of(String dataset, List<LabelledSample> samples) {
        return samples.stream().map(sample -> new String[] {dataset, sample.key()}).toList();
    }
}
