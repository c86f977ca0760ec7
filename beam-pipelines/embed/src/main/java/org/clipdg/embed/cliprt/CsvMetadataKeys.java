package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The keys of an RFC 4180 CSV metadata file with a header. */
final class CsvMetadataKeys implements MetadataKeys {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true).build(); // pandas writes its index as a nameless first column

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final KeyColumn column;

    private CsvMetadataKeys(Path file, CSVParser parser, KeyColumn column) {
        this.file = file;
        this.parser = parser;
        this.records = parser.iterator();
        this.column = column;
    }

    static CsvMetadataKeys open(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            CSVParser parser = parse(file, reader);
            return new CsvMetadataKeys(file, parser, KeyColumn.of(file, parser.getHeaderNames()));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static CSVParser parse(Path file, Reader reader) throws IOException {
        try {
            return FORMAT.parse(reader);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new IOException(file + ": not readable as CSV: " + e.getMessage(), e);
        }
    }

    @Override
    public String next() throws IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            if (!record.isSet(column.column)) {
                throw new IOException(file + ": line " + parser.getCurrentLineNumber() + " has no '" + column.column + "' cell");
            }
            return column.key(record.get(column.column));
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new IOException(file + ": not readable as CSV: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
