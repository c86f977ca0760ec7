package org.clipdg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clipdg.core.AvroJson;
import org.clipdg.core.IngestedFixtures;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.core.metrics.MetricTable;
import org.clipdg.schema.DomainSplitsManifest;
import org.clipdg.schema.PruneManifest;
import org.clipdg.schema.SplitSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir
    Path dir;

    private static MetricRow row(String model, String split, String testSet, String domain, String group, String bin,
            String metric, double value, long n, double low, double high) {
        return new MetricRow(model, split, split.isEmpty() ? "" : "sha-" + split, 42, testSet, domain, group, "", bin, metric, value,
                n, low, high);
    }

    /** Two models, two test sets: overall top-1, two similarity bins each, a counter drop, CKA and overlap. */
    static List<MetricRow> study() {
        List<MetricRow> rows = new ArrayList<>();
        for (String[] model : new String[][] {{"clip-all", "all", "0.80", "0.50"}, {"clip-pruned", "pruned", "0.70", "0.20"}}) {
            double photo = Double.parseDouble(model[2]);
            double sketch = Double.parseDouble(model[3]);
            rows.add(row(model[0], model[1], "photo", "", "", "", "top1", photo, 100, photo - 0.08, photo + 0.07));
            rows.add(row(model[0], model[1], "sketch", "", "", "", "top1", sketch, 100, sketch - 0.1, sketch + 0.1));
            rows.add(row(model[0], model[1], "photo", "", "", "[0.90,0.95)", "top1", photo - 0.1, 40, photo - 0.25, photo));
            rows.add(row(model[0], model[1], "photo", "", "", "[0.95,1.00]", "top1", photo + 0.1, 60, photo, photo + 0.2));
            rows.add(row(model[0], model[1], "sketch", "", "", "[0.90,0.95)", "top1", sketch, 70, sketch - 0.1, sketch + 0.1));
            rows.add(row(model[0], model[1], "photo", "", "common-counter", "", "top1_drop", 0.3, 100, 0.2, 0.4));
            for (String group : List.of("common", "counter")) {
                rows.add(new MetricRow(model[0], model[1], "sha-" + model[1], 42, "photo", "", group, "circle", "", "top1",
                        group.equals("common") ? 0.9 : 0.6, 50, 0.8, 0.95));
            }
            for (String[] pair : new String[][] {{"painting|photo", "0.83"}, {"photo|sketch", "-0.02"}, {"painting|sketch", "0.10"}}) {
                rows.add(row(model[0], model[1], "*", pair[0], "", "", "cka_block_3", Double.parseDouble(pair[1]), 10, Double.NaN,
                        Double.NaN));
                rows.add(row(model[0], model[1], "*", pair[0], "", "", "neuron_overlap_block_3", 0.4, 10, Double.NaN, Double.NaN));
            }
        }
        return rows;
    }

    @Test
    void writesFiguresTablesAndOneSelfContainedPage() throws Exception {
        MetricTable.write(dir.resolve("evaluation"), study());
        Path pruning = Files.createDirectories(dir.resolve("pruning"));
        AvroJson.write(pruning.resolve("manifest.json"), PruneManifest.newBuilder().setSimilarityManifestSha256("s")
                .setModelCardSha256("m").setPoolSamples(1000).setSeed(42).setToolVersion("t").setSplits(List.of(
                        new SplitSummary("all", "all", "the whole pool", 1000L, 0L, "sha-all"),
                        new SplitSummary("pruned", "similarity_matched", "test sets: photo+sketch", 400L, 600L, "sha-pruned")))
                .build());
        Path domains = Files.createDirectories(dir.resolve("domains"));
        AvroJson.write(domains.resolve("manifest.json"), DomainSplitsManifest.newBuilder().setClassifierCardSha256("c")
                .setLabelManifests(Map.of()).setPoolSamples(1000).setSeed(42).setSplits(List.of()).setHeldoutClasses(List.of())
                .setToolVersion("t").build());
        Files.writeString(domains.resolve("composition.tsv"), """
                dataset\trole\tthresholds\tsamples\tnatural_pct\tambiguous_pct\trendition_pct\tprecision_natural\tprecision_rendition
                pool\tpool\tdefault\t1000\t60.00\t25.00\t15.00\t0.9000\t0.8000
                pool\tpool\tstrict\t1000\t50.00\t40.00\t10.00\t0.9800\t0.9900
                pool\tpool\tstrict_pool\t1000\t55.00\t37.00\t8.00\t0.9850\t0.9810
                """);
        Path dataset = IngestedFixtures.write(dir.resolve("datasets"), "pool", "pool", "", List.of(
                IngestedFixtures.sample("pool", "a", "circle", "photo", "natural")), 10);
        Files.writeString(dir.resolve("versions.json"), "{\"clipdg\": \"0.1.0\", \"nextflow\": \"24.10.0\"}");
        Path out = dir.resolve("report");

        int exit = new CommandLine(new ReportCommand()).execute("--metrics", dir.resolve("evaluation/metrics.json").toString(),
                "--pruning", pruning.toString(), "--domains", domains.toString(), "--datasets", dataset.toString(),
                "--versions", dir.resolve("versions.json").toString(), "--out", out.toString());
        assertEquals(0, exit);

        for (String figure : List.of("accuracy_vs_similarity-clip-all", "accuracy_vs_similarity-clip-pruned", "accuracy_by_split",
                "domain_composition", "cka-clip-all-block_3", "neuron_overlap-clip-pruned", "counter_by_class-clip-all-photo")) {
            assertTrue(Files.size(out.resolve("figures/" + figure + ".png")) > 1000, figure);
            assertTrue(Files.readString(out.resolve("figures/" + figure + ".svg")).startsWith("<?xml"), figure);
        }
        List<String> table1 = Files.readAllLines(out.resolve("tables/table1_accuracy.tsv"));
        assertEquals(List.of("model\tsplit\tkept\tremoved\tphoto\tsketch",
                "clip-all\tall\t1000\t0\t0.800 (0.72–0.87)\t0.500 (0.40–0.60)",
                "clip-pruned\tpruned\t400\t600\t0.700 (0.62–0.77)\t0.200 (0.10–0.30)"), table1);
        assertEquals("pool\tpool\t1000\t60.00\t25.00\t15.00\t0.9000\t0.8000\t50.00\t40.00\t10.00\t0.9800\t0.9900\t55.00\t37.00"
                + "\t8.00\t0.9850\t0.9810",
                Files.readAllLines(out.resolve("tables/table2_domain_composition.tsv")).get(1));

        String page = Files.readString(out.resolve("report.html"));
        for (String id : List.of("summary", "figures", "tables", "provenance", "run")) {
            assertTrue(page.contains("<section id=\"" + id + "\">"), id);
        }
        assertTrue(page.contains("Training on pruned (400 samples kept, 600 removed) instead of the whole pool: top-1 on sketch"
                + " 0.500 (0.40–0.60) → 0.200 (0.10–0.30), -30.0 points (95% CI -44.1 to -15.9); on photo"), page);
        assertTrue(page.contains("Counter backgrounds cost clip-all top-1 on photo 30.0 points (95% CI 20.0 to 40.0)."), page);
        assertEquals(10, count(page, "<svg "), "every figure inline");
        assertFalse(page.contains("<script") || page.contains("<img") || page.contains("<link"), "nothing loaded");
        Matcher urls = Pattern.compile("(?:src|href)=\"(https?:)?//").matcher(page);
        assertFalse(urls.find(), "no address on the network");
        assertTrue(page.contains("24.10.0") && page.contains("id=\"table-inputs\""), "versions and inputs in the provenance");
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
