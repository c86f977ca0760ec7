package org.clipdg.domains.splits;

import static org.clipdg.domains.splits.DomainSplitsFixtures.N;
import static org.clipdg.domains.splits.DomainSplitsFixtures.args;
import static org.clipdg.domains.splits.DomainSplitsFixtures.keys;
import static org.clipdg.domains.splits.DomainSplitsFixtures.row;
import static org.clipdg.domains.splits.DomainSplitsFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label-defined subsets of the fixture pool. Seeded order (seed 42): strict naturals p03 p01 p11 p00,
 * strict renditions p04 p09 p05 p10; default naturals p02 p08 p03 p01 p11 p00, default renditions
 * p04 p09 p05 p06 p10.
 */
class LabelSubsetsTest {
    @TempDir
    Path dir;

    private Path inputs;
    private Path out;

    @BeforeEach
    void study() throws Exception {
        inputs = DomainSplitsFixtures.study(dir.resolve("inputs"));
        out = dir.resolve("out");
    }

    private List<String> split(String name) throws Exception {
        return keys(out.resolve("splits").resolve(name + ".tsv"), "web");
    }

    @Test
    void naturalAndRenditionOnlyFollowTheChosenThresholds() throws Exception {
        run(args(inputs, out, "--mix-ratios", ""));
        assertEquals(List.of("p00", "p01", "p03", "p11"), split("natural_only"));
        assertEquals(List.of("p04", "p05", "p09", "p10"), split("rendition_only"));
        String summary = Files.readString(out.resolve("splits.tsv"));
        assertTrue(summary.contains("natural_only\tnatural_only\tthresholds strict_pool\t4\t8\t"), summary);

        run(args(inputs, out, "--mix-ratios", "", "--thresholds", "default"));
        assertEquals(List.of("p00", "p01", "p02", "p03", "p08", "p11"), split("natural_only"));
        assertEquals(List.of("p04", "p05", "p06", "p09", "p10"), split("rendition_only"));
        summary = Files.readString(out.resolve("splits.tsv"));
        assertTrue(summary.contains("rendition_only\trendition_only\tthresholds default\t5\t7\t"), summary);
    }

    @Test
    void mixturesTakeTheLargestTotalEveryRatioMeetsAndAreNested() throws Exception {
        // Strict: 4 renditions, 4 naturals. 1:3 fits up to 6 (7 would need 2 + 5 naturals); 1:1 up to 8.
        run(args(inputs, out));
        assertEquals(List.of("p00", "p01", "p03", "p04", "p09", "p11"), split("mix-1_3-6"));
        assertEquals(List.of("p01", "p03", "p04", "p05", "p09", "p11"), split("mix-1_1-6"));
        String summary = Files.readString(out.resolve("splits.tsv"));
        assertTrue(summary.contains("mix-1_3-6\tmixture\trendition:natural 1:3; total 6; thresholds strict_pool\t6\t6\t"), summary);
        assertTrue(summary.contains("mix-1_1-6\tmixture\trendition:natural 1:1; total 6; thresholds strict_pool\t6\t6\t"), summary);

        // Default: 5 renditions, 6 naturals. 1:3 fits up to 8 (2 + 6); 1:1 up to 10.
        run(args(inputs, out, "--thresholds", "default"));
        assertEquals(List.of("p00", "p01", "p02", "p03", "p04", "p08", "p09", "p11"), split("mix-1_3-8"));
        assertEquals(List.of("p01", "p02", "p03", "p04", "p05", "p06", "p08", "p09"), split("mix-1_1-8"));
        assertFalse(Files.exists(out.resolve("splits/mix-1_3-6.tsv")), "an earlier run's whitelist stays");
    }

    @Test
    void aFixedTotalRoundsRenditionsHalfUp() throws Exception {
        // 1:1 of 5: 2.5 -> 3 renditions (p04 p09 p05) and 2 naturals (p03 p01); 1:3 of 5: 1.25 -> 1 and 4.
        run(args(inputs, out, "--mix-ratios", "1:1,1:3", "--mix-total", "5"));
        assertEquals(List.of("p01", "p03", "p04", "p05", "p09"), split("mix-1_1-5"));
        assertEquals(List.of("p00", "p01", "p03", "p04", "p11"), split("mix-1_3-5"));
    }

    @Test
    void anInfeasibleRatioNamesWhatItNeedsAndWhatThePoolHas() throws Exception {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(args(inputs, out, "--mix-ratios", "1:1,3:1", "--mix-total", "6")));
        assertEquals("mixture 3:1 of 6 needs 5 renditions and 1 naturals; the pool has 4 renditions and 4 naturals"
                + " (strict_pool labels)", error.getMessage());
        assertFalse(Files.exists(out.resolve("manifest.json")));
    }

    @Test
    void aPoolWithoutRenditionsHasNoFeasibleOneToOneMixture(@TempDir Path other) throws Exception {
        String card = DomainSplitsFixtures.card(other);
        DomainSplitsFixtures.dataset(other, "web", "pool", "", card, List.of(
                row("a", N, N, "photo", N, "dog"), row("b", N, N, "photo", N, "cat")));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(args(other, out, "--mix-ratios", "1:1")));
        assertEquals("no mixture of ratios 1:1 can be made: the pool has 0 renditions and 2 naturals (strict_pool labels)",
                error.getMessage());
    }

    @Test
    void addedRenditionsKeepTheNaturalsAndNestTheRenditions() throws Exception {
        run(args(inputs, out, "--thresholds", "default", "--mix-ratios", "", "--add-renditions", "0,2,5",
                "--natural-base", "3"));
        assertEquals(List.of("p02", "p03", "p08"), split("add_renditions-0"));
        assertEquals(List.of("p02", "p03", "p04", "p08", "p09"), split("add_renditions-2"));
        assertEquals(List.of("p02", "p03", "p04", "p05", "p06", "p08", "p09", "p10"), split("add_renditions-5"));
        assertTrue(split("add_renditions-5").containsAll(split("add_renditions-2")));
        String summary = Files.readString(out.resolve("splits.tsv"));
        assertTrue(summary.contains("add_renditions-2\tadded_renditions\tnaturals first 3; added renditions 2;"
                + " thresholds default\t5\t7\t"), summary);

        run(args(inputs, out, "--mix-ratios", "", "--add-renditions", "1"));
        assertEquals(List.of("p00", "p01", "p03", "p04", "p11"), split("add_renditions-1"));
    }

    @Test
    void addedRenditionsBeyondThePoolAreErrors() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> run(args(inputs, out, "--thresholds", "default", "--add-renditions", "2,6")));
        assertEquals("add_renditions 6 needs 6 renditions; the pool has 5 renditions and 6 naturals (default labels)",
                tooMany.getMessage());
        IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
                () -> run(args(inputs, out, "--add-renditions", "2", "--natural-base", "5")));
        assertEquals("--natural-base 5 needs 5 naturals; the pool has 4 renditions and 4 naturals (strict_pool labels)",
                base.getMessage());
    }

    @Test
    void renditionCountsMustBeCounts() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(args(inputs, out, "--add-renditions", "2,-1")));
        assertEquals("--add-renditions: '-1' is not a count (a non-negative integer)", error.getMessage());
    }
}
