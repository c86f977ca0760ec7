package org.clipdg.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.AtomicFiles;

/** A table of the report, shown in the page and written as {@code tables/<name>.tsv}. */
public record Table(String name, String title, String caption, List<String> header, List<List<String>> rows) {
    public void writeTsv(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder tsv = new StringBuilder(String.join("\t", header)).append('\n');
        rows.forEach(row -> tsv.append(String.join("\t", row)).append('\n'));
        AtomicFiles.writeString(dir.resolve(name + ".tsv"), tsv.toString());
    }
}
