package org.clipdg.domains.splits;

import static org.clipdg.domains.splits.DomainSplitsFixtures.args;
import static org.clipdg.domains.splits.DomainSplitsFixtures.keys;
import static org.clipdg.domains.splits.DomainSplitsFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Hashing;
import org.clipdg.schema.DomainSplitsManifest;
import org.clipdg.schema.SplitSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanTestSetsTest {
    @TempDir
    Path dir;

    @Test
    void keepOnlyTestImagesWhoseStrictLabelIsTheirOwnDomainLabel() throws Exception {
        Path inputs = DomainSplitsFixtures.study(dir.resolve("inputs"));
        Path out = dir.resolve("out");
        // Default thresholds for the pool splits: the clean test sets still use the strict labels.
        run(args(inputs, out, "--thresholds", "default"));
        Path clean = out.resolve("clean_tests");
        // sketch_test: t0 (own label from the set's domain) and t3 are strict renditions; t1 is natural, t2 ambiguous,
        // t4's own label is ambiguous.
        assertEquals(List.of("t0", "t3"), keys(clean.resolve("sketch_test.tsv"), "sketch_test"));
        // photo_test: u1 is a strict rendition; u3's own label (its domain_label) is rendition.
        assertEquals(List.of("u0", "u2", "u3"), keys(clean.resolve("photo_test.tsv"), "photo_test"));
        // mixed_test has no domain: v0's own label is unknown.
        assertEquals(List.of("v1"), keys(clean.resolve("mixed_test.tsv"), "mixed_test"));
        assertEquals("""
                split\trule\tparameters\tkept\tremoved\tsha256
                mixed_test\tclean_test\tstrict label equals the sample's own domain label (natural 1, rendition 0, ambiguous or unknown 1)\t1\t1\t%s
                photo_test\tclean_test\tstrict label equals the sample's own domain label (natural 3, rendition 1, ambiguous or unknown 0)\t3\t1\t%s
                sketch_test\tclean_test\tstrict label equals the sample's own domain label (natural 0, rendition 4, ambiguous or unknown 1)\t2\t3\t%s
                """.formatted(sha(clean, "mixed_test"), sha(clean, "photo_test"), sha(clean, "sketch_test")),
                Files.readString(out.resolve("clean_tests.tsv")));

        for (String test : List.of("sketch_test", "photo_test", "mixed_test")) {
            assertFalse(Files.exists(out.resolve("splits").resolve(test + ".tsv")), test);
            assertFalse(Files.readString(out.resolve("splits.tsv")).contains(test), test);
        }
        DomainSplitsManifest manifest = AvroJson.read(out.resolve("manifest.json"), DomainSplitsManifest.class);
        assertTrue(manifest.getSplits().stream().map(SplitSummary::getRule).noneMatch("clean_test"::equals));
    }

    private static String sha(Path folder, String name) throws Exception {
        return Hashing.sha256(folder.resolve(name + ".tsv"));
    }
}
