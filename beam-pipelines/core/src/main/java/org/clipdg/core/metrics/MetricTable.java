package org.clipdg.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.clipdg.core.AtomicFiles;

/**
 * The evaluation's one tidy table (the contract between the evaluation and the report), as {@value #TSV} and {@value #JSON}, each committed by rename.
 * A value or interval that does not exist (no interval for CKA, say) is NaN: "NaN" in both files.
 */
public final class MetricTable {
    public static final String TSV = "metrics.tsv";
    public static final String JSON = "metrics.json";

    private MetricTable() {}

    /** The rows of a {@value #JSON} file. */
    public static List<MetricRow> read(Path json) throws IOException {
        if (!Files.isRegularFile(json)) {
            throw new IOException(json + ": no such evaluation table");
        }
        return List.of(new ObjectMapper().readValue(json.toFile(), MetricRow[].class));
    }

    public static void write(Path dir, List<MetricRow> rows) throws IOException {
        Files.createDirectories(dir);
        StringBuilder tsv = new StringBuilder(MetricRow.HEADER).append('\n');
        for (MetricRow r : rows) {
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%.6f\t%d\t%.6f\t%.6f%n", r.model(), r.split(),
                    r.splitSha256(), r.seed(), r.testSet(), r.domain(), r.group(), r.className(), r.bin(), r.metric(), r.value(), r.n(), r.ciLow(), r.ciHigh()));
        }
        AtomicFiles.writeString(dir.resolve(TSV), tsv.toString());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(dir.resolve(JSON), stream -> stream.write(json.writeValueAsBytes(rows)));
    }
}
