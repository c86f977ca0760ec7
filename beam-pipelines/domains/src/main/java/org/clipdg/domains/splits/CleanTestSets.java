package org.clipdg.domains.splits;

import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.split.SplitFolder.Split;

/**
 * Clean test sets (docs/science.md, "Domain labelling"): the test images that the strict classifier assigns
 * to the set's own domain. A sample's own domain label is its ground-truth domain_label, else the
 * label of the set's domain; samples whose own label is ambiguous or unknown are never kept.
 */
final class CleanTestSets {
    private CleanTestSets() {}

    static List<Split> of(List<DatasetLabels> datasets) {
        List<Split> splits = new ArrayList<>();
        for (DatasetLabels test : datasets) {
            if (test.role().equals("test")) {
                splits.add(clean(test));
            }
        }
        return splits;
    }

    private static Split clean(DatasetLabels test) {
        String setLabel = DomainLabels.labelOf(test.dataset().manifest().getDomain());
        List<LabelledSample> kept = new ArrayList<>();
        long natural = 0;
        long rendition = 0;
        for (LabelledSample sample : test.samples()) {
            String own = sample.domainLabel().isEmpty() ? setLabel : sample.domainLabel();
            if (own.equals(DomainLabels.NATURAL)) {
                natural++;
            } else if (own.equals(DomainLabels.RENDITION)) {
                rendition++;
            } else {
                continue;
            }
            if (sample.labelStrict().equals(own)) {
                kept.add(sample);
            }
        }
        long other = test.samples().size() - natural - rendition;
        String parameters = "strict label equals the sample's own domain label (natural " + natural + ", rendition "
                + rendition + ", ambiguous or unknown " + other + ")";
        return new Split(test.name(), "clean_test", parameters, SampleEntries.of(kept), test.samples().size());
    }
}
