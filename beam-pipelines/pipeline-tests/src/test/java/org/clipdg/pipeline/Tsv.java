package org.clipdg.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tab-separated table with a header line, read as (column -> value) rows. */
final class Tsv {
    private Tsv() {}

    static List<String> header(Path file) throws IOException {
        return List.of(Files.readAllLines(file).get(0).split("\t", -1));
    }

    static List<Map<String, String>> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            if (fields.length != header.size()) {
                throw new IOException(file + ": " + fields.length + " fields, header has " + header.size() + ": " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
