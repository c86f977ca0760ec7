package org.clipdg.domains.splits;

import static org.clipdg.domains.splits.DomainSplitsFixtures.A;
import static org.clipdg.domains.splits.DomainSplitsFixtures.N;
import static org.clipdg.domains.splits.DomainSplitsFixtures.QUIET;
import static org.clipdg.domains.splits.DomainSplitsFixtures.R;
import static org.clipdg.domains.splits.DomainSplitsFixtures.args;
import static org.clipdg.domains.splits.DomainSplitsFixtures.keys;
import static org.clipdg.domains.splits.DomainSplitsFixtures.row;
import static org.clipdg.domains.splits.DomainSplitsFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.clipdg.domains.splits.DomainMixtureSplits.Rule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DG/CG splits on the fixture pool: photo p00-p03 p11 (natural), sketch p04 (circle) p05 (square)
 * p06 (star), mixed p07 p08 (ambiguous), clipart p09 (star) p10 (circle); seeded order (42)
 * p02 p04 p08 p09 p03 p07 p01 p05 p11 p06 p00 p10.
 */
class DomainMixtureSplitsTest {
    @TempDir
    Path dir;

    private Path inputs;
    private Path out;

    @BeforeEach
    void study() throws Exception {
        inputs = DomainSplitsFixtures.study(dir.resolve("inputs"));
        out = dir.resolve("out");
    }

    private List<LabelledSample> seededPool() throws Exception {
        return poolOf(inputs);
    }

    /** The pool of a study's folder, in seeded order, loaded with the labelled data its classifier needs. */
    private static List<LabelledSample> poolOf(Path root) throws Exception {
        DomainSplitInputs loaded = DomainSplitInputs.load(
                List.of(root.resolve("labels/web"), root.resolve("labels/domainnet")),
                List.of(root.resolve("datasets/web"), root.resolve("datasets/domainnet")), root.resolve("classifier"), QUIET);
        return DatasetLabels.inSeededOrder(loaded.pools(), 42);
    }

    private static Map<Rule, List<String>> keysOf(Map<Rule, List<LabelledSample>> admitted) {
        Map<Rule, List<String>> keys = new EnumMap<>(Rule.class);
        admitted.forEach((rule, samples) -> keys.put(rule, samples.stream().map(LabelledSample::key).toList()));
        return keys;
    }

    @Test
    void theFixturesSeededOrderIsTheHandComputedOne() throws Exception {
        assertEquals(DomainSplitsFixtures.POOL_SEED_42, seededPool().stream().map(LabelledSample::key).toList());
    }

    @Test
    void eachRuleAdmitsItsSamplesInSeededOrder() throws Exception {
        DomainMixtureSplits splits = new DomainMixtureSplits("web", seededPool(), new TreeSet<>(List.of("circle")));
        assertEquals(Map.of(
                Rule.NATURAL_ONLY, List.of("p02", "p03", "p01", "p11", "p00"),
                Rule.CG_LOW, List.of("p02", "p03", "p01", "p05", "p11", "p06", "p00"),
                Rule.CG_HIGH, List.of("p02", "p08", "p09", "p03", "p07", "p01", "p05", "p11", "p06", "p00", "p10"),
                Rule.LEAVE_OUT, List.of("p02", "p08", "p09", "p03", "p07", "p01", "p11", "p00", "p10")),
                keysOf(splits.admitted("sketch")));
        assertEquals(Map.of(
                Rule.NATURAL_ONLY, List.of("p02", "p03", "p01", "p11", "p00"),
                Rule.CG_LOW, List.of("p02", "p09", "p03", "p01", "p11", "p00"),
                Rule.CG_HIGH, List.of("p02", "p04", "p08", "p09", "p03", "p07", "p01", "p05", "p11", "p06", "p00"),
                Rule.LEAVE_OUT, List.of("p02", "p04", "p08", "p03", "p07", "p01", "p05", "p11", "p06", "p00")),
                keysOf(splits.admitted("clipart")));
    }

    @Test
    void theFourSplitsOfADomainAreCutToTheSmallest() throws Exception {
        run(args(inputs, out, "--heldout-classes", "circle", "--mix-ratios", ""));
        Path splits = out.resolve("splits");
        assertEquals(List.of("p00", "p01", "p02", "p03", "p11"), keys(splits.resolve("dm-sketch-natural_only.tsv"), "web"));
        assertEquals(List.of("p01", "p02", "p03", "p05", "p11"), keys(splits.resolve("dm-sketch-cg_low.tsv"), "web"));
        assertEquals(List.of("p02", "p03", "p07", "p08", "p09"), keys(splits.resolve("dm-sketch-cg_high.tsv"), "web"));
        assertEquals(List.of("p02", "p03", "p07", "p08", "p09"), keys(splits.resolve("dm-sketch-leave_out.tsv"), "web"));
        assertEquals(List.of("p00", "p01", "p02", "p03", "p11"), keys(splits.resolve("dm-clipart-natural_only.tsv"), "web"));
        assertEquals(List.of("p01", "p02", "p03", "p09", "p11"), keys(splits.resolve("dm-clipart-cg_low.tsv"), "web"));
        assertEquals(List.of("p02", "p03", "p04", "p08", "p09"), keys(splits.resolve("dm-clipart-cg_high.tsv"), "web"));
        assertEquals(List.of("p02", "p03", "p04", "p07", "p08"), keys(splits.resolve("dm-clipart-leave_out.tsv"), "web"));
        String summary = Files.readString(out.resolve("splits.tsv"));
        for (String line : List.of(
                "dm-clipart-natural_only\tdm_natural_only\tdomain clipart; held-out classes circle; equalised size 5 of 5\t5\t7\t",
                "dm-clipart-cg_low\tdm_cg_low_diversity\tdomain clipart; held-out classes circle; equalised size 5 of 6\t5\t7\t",
                "dm-clipart-cg_high\tdm_cg_high_diversity\tdomain clipart; held-out classes circle; equalised size 5 of 11\t5\t7\t",
                "dm-clipart-leave_out\tdm_leave_out_domain\tdomain clipart; held-out classes circle; equalised size 5 of 10\t5\t7\t",
                "dm-sketch-cg_low\tdm_cg_low_diversity\tdomain sketch; held-out classes circle; equalised size 5 of 7\t5\t7\t")) {
            assertTrue(summary.contains(line), line + " in\n" + summary);
        }
        // Default domains: the pool's rendition domains, sorted; clipart's splits come first.
        assertTrue(summary.indexOf("dm-clipart-leave_out") < summary.indexOf("dm-sketch-natural_only"), summary);
        assertFalse(summary.contains("dm-mixed") || summary.contains("dm-photo"), summary);
    }

    @Test
    void heldOutClassesDefaultToASeededHalfOfThePoolsClasses() throws Exception {
        // Classes circle, square, star in SeededOrder.rank(42, "web", class) order: star, circle, square; half of 3 is 1.
        run(args(inputs, out, "--mixture-domains", "sketch", "--mix-ratios", ""));
        String summary = Files.readString(out.resolve("splits.tsv"));
        assertTrue(summary.contains("dm-sketch-cg_low\tdm_cg_low_diversity\tdomain sketch; held-out classes star;"
                + " equalised size 5 of 7\t"), summary);
        assertFalse(summary.contains("dm-clipart"), summary);
        // C = {star}: cg_low admits the naturals and sketch p04 p05, first five p02 p04 p03 p01 p05.
        assertEquals(List.of("p01", "p02", "p03", "p04", "p05"),
                keys(out.resolve("splits/dm-sketch-cg_low.tsv"), "web"));
    }

    @Test
    void aDomainAbsentFromThePoolIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(args(inputs, out, "--mixture-domains", "sketch,painting")));
        assertEquals("--mixture-domains: domain 'painting' is not in pool 'web' (its ground-truth domains: clipart, mixed,"
                + " photo, sketch)", error.getMessage());
        IllegalArgumentException unknownClass = assertThrows(IllegalArgumentException.class,
                () -> run(args(inputs, out, "--heldout-classes", "circle;hexagon")));
        assertEquals("--heldout-classes: 'hexagon' is not a class of pool 'web' (its classes: circle;square;star)",
                unknownClass.getMessage());
    }

    @Test
    void anEmptyDomainListMakesNoDomainMixtureSplits() throws Exception {
        run(args(inputs, out, "--mixture-domains", "", "--mix-ratios", ""));
        assertEquals(List.of("natural_only.tsv", "rendition_only.tsv"), listing(out.resolve("splits")));
    }

    @Test
    void aSampleOfTheTestDomainWithoutClassIsAnError() throws Exception {
        List<LabelledSample> pool = new ArrayList<>(seededPool());
        pool.add(new LabelledSample("web", "p12", 0.05f, 0.9f, R, R, "", "sketch", R, ""));
        DomainMixtureSplits splits = new DomainMixtureSplits("web", pool, new TreeSet<>(List.of("circle")));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> splits.splits("sketch"));
        assertEquals("pool 'web': sample 'p12' of domain 'sketch' has no class, so held-out classes cannot be applied to it",
                error.getMessage());
        assertEquals(4, splits.splits("clipart").size(), "only the test domain's samples need a class");
    }

    @Test
    void aPoolWithoutGroundTruthIsSkippedUnlessDomainsAreAsked(@TempDir Path other) throws Exception {
        String card = DomainSplitsFixtures.card(other);
        DomainSplitsFixtures.dataset(other, "web", "pool", "", card, List.of(
                row("a", N, N, "", "", ""), row("b", R, R, "", "", ""), row("c", A, A, "", "", "")));
        ByteArrayOutputStream note = new ByteArrayOutputStream();
        List<LabelledSample> pool = poolOf(other);
        assertEquals(DomainMixtureSplits.Mixtures.NONE, DomainMixtureSplits.of("web", pool, null, null, 42,
                new PrintStream(note, true, StandardCharsets.UTF_8)));
        assertEquals("[domain-splits] note: pool 'web' has no ground-truth domains, so no domain-mixture splits\n",
                note.toString(StandardCharsets.UTF_8));

        run(args(other, out, "--mix-ratios", ""));
        assertEquals(List.of("natural_only.tsv", "rendition_only.tsv"), listing(out.resolve("splits")));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(args(other, out, "--mixture-domains", "sketch")));
        assertEquals("--mixture-domains: domain 'sketch' is not in pool 'web' (its ground-truth domains: none)",
                error.getMessage());
    }

    private static List<String> listing(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
