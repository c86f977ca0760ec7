package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.clipdg.core.AtomicFiles;

/** A metadata file of the layout: RFC 4180 CSV with a header, one row per embedding row, holding a {@code key} column. */
final class MetadataCsv {
    static final String KEY = "key";
    static final String DATASET = "dataset";

    private MetadataCsv() {}

    /** The {@code key} column, row by row. */
    static List<String> readKeys(Path csv) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).build(); // pandas writes its index as a nameless first column
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVParser parser = format.parse(reader)) {
            if (!parser.getHeaderNames().contains(KEY)) {
                throw new IOException(csv + ": no '" + KEY + "' column (columns: " + parser.getHeaderNames() + ")");
            }
            List<String> keys = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (!record.isSet(KEY)) {
                    throw new IOException(csv + ": line " + parser.getCurrentLineNumber() + " has no '" + KEY + "' cell");
                }
                keys.add(record.get(KEY));
            }
            return keys;
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new IOException(csv + ": not readable as CSV: " + e.getMessage(), e);
        }
    }

    /** Writes {@code key,dataset} rows atomically. */
    static void write(Path target, List<String> keys, String dataset) throws IOException {
        AtomicFiles.write(target, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(KEY, DATASET).build());
            for (String key : keys) {
                printer.printRecord(key, dataset);
            }
            printer.flush();
        });
    }
}
