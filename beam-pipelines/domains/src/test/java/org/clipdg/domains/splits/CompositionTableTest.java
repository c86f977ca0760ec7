package org.clipdg.domains.splits;

import static org.clipdg.domains.splits.DomainSplitsFixtures.args;
import static org.clipdg.domains.splits.DomainSplitsFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositionTableTest {
    @TempDir
    Path dir;

    /**
     * Pool web: default 6/1/5 of 12, strict 4/4/4, ground truth 5 photo / 2 mixed / 5 sketch or clipart.
     * imagenet has no ground truth (no row); mixed_test's ground truth is known for v1 only. Against
     * ground truth: web's default naturals include the mixed p08 (5 of 6), photo_test's strict
     * renditions the photo u1 (1 of 2), sketch_test's one natural is a sketch (0 of 1); each with its
     * 95% Wilson interval (5 of 6: 0.4365-0.9699) and its z against the card's validation precision
     * at the same thresholds ("" for default renditions, which the validation split never gave). Only
     * the pool has strict_pool rows: its labels there are its strict ones (the fixture's validation
     * split puts both thresholds at 0.9 at any mix), and the held-out precisions are those of the
     * rebuilt splits, where every label is right.
     */
    @Test
    void percentagesPerDatasetAndThresholdsWithEachPrecisionItsIntervalAndItsZAgainstValidation() throws Exception {
        Path inputs = DomainSplitsFixtures.study(dir.resolve("inputs"));
        Path out = dir.resolve("out");
        run(args(inputs, out));
        assertEquals("""
                dataset\trole\tthresholds\tsamples\tnatural_pct\tambiguous_pct\trendition_pct\tprecision_natural\
                \tprecision_rendition\tprecision_natural_z\tprecision_rendition_z\ttruth_precision_natural\
                \ttruth_precision_natural_low\ttruth_precision_natural_high\ttruth_precision_natural_z\
                \ttruth_precision_rendition\ttruth_precision_rendition_low\ttruth_precision_rendition_high\
                \ttruth_precision_rendition_z
                web\tpool\tdefault\t12\t50.00\t8.33\t41.67\t0.9000\t0.8000\t0.43\t\t0.8333\t0.4365\t0.9699\t-0.11\t1.0000\t0.5655\t1.0000\t
                web\tpool\tstrict\t12\t33.33\t33.33\t33.33\t0.9900\t0.9750\t0.64\t0.00\t1.0000\t0.5101\t1.0000\t0.29\t1.0000\t0.5101\t1.0000\t0.32
                web\tpool\tstrict_pool\t12\t33.33\t33.33\t33.33\t1.0000\t1.0000\t0.00\t0.00\t1.0000\t0.5101\t1.0000\t0.00\t1.0000\t0.5101\t1.0000\t0.00
                web\tpool\tground_truth\t12\t41.67\t16.67\t41.67\t\t\t\t\t\t\t\t\t\t\t\t
                imagenet\treference\tdefault\t3\t66.67\t0.00\t33.33\t0.9000\t0.8000\t0.43\t\t\t\t\t\t\t\t\t
                imagenet\treference\tstrict\t3\t33.33\t66.67\t0.00\t0.9900\t0.9750\t0.64\t0.00\t\t\t\t\t\t\t\t
                domainnet\tlabelled\tdefault\t7\t42.86\t14.29\t42.86\t0.9000\t0.8000\t0.43\t\t1.0000\t0.4385\t1.0000\t0.73\t1.0000\t0.4385\t1.0000\t
                domainnet\tlabelled\tstrict\t7\t42.86\t14.29\t42.86\t0.9900\t0.9750\t0.64\t0.00\t1.0000\t0.4385\t1.0000\t0.25\t1.0000\t0.4385\t1.0000\t0.28
                domainnet\tlabelled\tground_truth\t7\t42.86\t14.29\t42.86\t\t\t\t\t\t\t\t\t\t\t\t
                mixed_test\ttest\tdefault\t2\t100.00\t0.00\t0.00\t0.9000\t0.8000\t0.43\t\t1.0000\t0.2065\t1.0000\t0.42\t\t\t\t
                mixed_test\ttest\tstrict\t2\t100.00\t0.00\t0.00\t0.9900\t0.9750\t0.64\t0.00\t1.0000\t0.2065\t1.0000\t0.14\t\t\t\t
                mixed_test\ttest\tground_truth\t1\t100.00\t0.00\t0.00\t\t\t\t\t\t\t\t\t\t\t\t
                photo_test\ttest\tdefault\t4\t75.00\t0.00\t25.00\t0.9000\t0.8000\t0.43\t\t1.0000\t0.4385\t1.0000\t0.73\t1.0000\t0.2065\t1.0000\t
                photo_test\ttest\tstrict\t4\t50.00\t0.00\t50.00\t0.9900\t0.9750\t0.64\t0.00\t1.0000\t0.3424\t1.0000\t0.20\t0.5000\t0.0945\t0.9055\t-3.53
                photo_test\ttest\tground_truth\t4\t75.00\t0.00\t25.00\t\t\t\t\t\t\t\t\t\t\t\t
                sketch_test\ttest\tdefault\t5\t20.00\t20.00\t60.00\t0.9000\t0.8000\t0.43\t\t0.0000\t0.0000\t0.7935\t-2.32\t1.0000\t0.4385\t1.0000\t
                sketch_test\ttest\tstrict\t5\t20.00\t40.00\t40.00\t0.9900\t0.9750\t0.64\t0.00\t0.0000\t0.0000\t0.7935\t-6.28\t1.0000\t0.3424\t1.0000\t0.23
                sketch_test\ttest\tground_truth\t5\t0.00\t20.00\t80.00\t\t\t\t\t\t\t\t\t\t\t\t
                """, Files.readString(out.resolve("composition.tsv")));
    }
}
