package org.clipdg.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.core.metrics.MetricTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MergeMetricsCommandTest {
    @TempDir
    Path dir;

    private static MetricRow row(String model, String metric, double value, double low, double high) {
        return new MetricRow(model, "split", "sha", 7, "sketch", "", "", "", "", metric, value, 20, low, high);
    }

    private Path table(String name, List<MetricRow> rows) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        MetricTable.write(folder, rows);
        return folder.resolve(MetricTable.JSON);
    }

    private int merge(String... args) {
        CommandLine command = new CommandLine(new MergeMetricsCommand());
        command.setErr(new PrintWriter(new StringWriter()));
        return command.execute(args);
    }

    @Test
    void tablesAreJoinedInModelOrderKeepingEveryValueAndMissingInterval() throws Exception {
        List<MetricRow> reference = List.of(row("reference_clip", "top1", 0.5, 0.3, 0.7), row("reference_clip", "cka_block_0", 0.25,
                Double.NaN, Double.NaN));
        List<MetricRow> split = List.of(row("clip-all", "top1", 0.75, 0.5, 0.9));
        Path out = dir.resolve("all");
        assertEquals(0, merge("--tables", table("ref", reference).toString(), table("all", split).toString(), "--out", out.toString()));

        List<MetricRow> merged = List.of(new ObjectMapper().readValue(out.resolve(MetricTable.JSON).toFile(), MetricRow[].class));
        assertEquals(List.of("clip-all", "reference_clip", "reference_clip"), merged.stream().map(MetricRow::model).toList());
        assertEquals(reference.get(1).toString(), merged.get(2).toString(), "NaN survives the JSON round trip");
        MetricTable.write(dir.resolve("expected"), List.of(split.get(0), reference.get(0), reference.get(1)));
        assertEquals(Files.readString(dir.resolve("expected").resolve(MetricTable.TSV)), Files.readString(out.resolve(MetricTable.TSV)));
    }

    @Test
    void theSameModelTwiceOrAMissingTableIsAnError() throws Exception {
        Path once = table("a", List.of(row("m", "top1", 0.5, 0.3, 0.7)));
        Path twice = table("b", List.of(row("m", "top5", 0.9, 0.7, 1.0)));
        assertEquals(1, merge("--tables", once.toString(), twice.toString(), "--out", dir.resolve("out").toString()));
        assertEquals(1, merge("--tables", dir.resolve("nowhere.json").toString(), "--out", dir.resolve("out").toString()));
        assertTrue(Files.notExists(dir.resolve("out").resolve(MetricTable.TSV)), "nothing written");
    }
}
