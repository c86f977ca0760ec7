package org.clipdg.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.core.metrics.MetricTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "merge-metrics", mixinStandardHelpOptions = true,
        description = "Joins the tidy tables of several evaluations (their metrics.json) into one metrics.tsv and metrics.json,"
                + " models in name order, each model's rows in their own order.",
        footer = {"", "Example: clipdg merge-metrics --tables eval/*/metrics.json --out eval"})
public final class MergeMetricsCommand implements Callable<Integer> {
    @Option(names = "--tables", required = true, arity = "1..*", description = "metrics.json files written by clipdg evaluate.")
    List<Path> tables;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<List<MetricRow>> byModel = new ArrayList<>();
        for (Path table : tables) {
            List<MetricRow> rows = MetricTable.read(table);
            if (rows.stream().map(MetricRow::model).distinct().count() > 1) {
                throw new IOException(table + ": rows of several models; give each evaluation's own table");
            }
            if (!rows.isEmpty()) {
                byModel.add(rows);
            }
        }
        byModel.sort(Comparator.comparing(rows -> rows.get(0).model()));
        for (int i = 1; i < byModel.size(); i++) {
            if (byModel.get(i).get(0).model().equals(byModel.get(i - 1).get(0).model())) {
                throw new IOException("two tables of model '" + byModel.get(i).get(0).model() + "'");
            }
        }
        MetricTable.write(out, byModel.stream().flatMap(List::stream).toList());
        System.err.printf("[merge-metrics] %d model(s), %d rows -> %s%n", byModel.size(),
                byModel.stream().mapToInt(List::size).sum(), out.resolve(MetricTable.TSV));
        return 0;
    }
}
