package org.clipdg.core.embedding;

import java.io.Serializable;

/**
 * A record that could not be embedded: one line of {@code rejected.tsv} (the same columns as
 * ingestion's). {@code reason} is a short category (counted in the manifest), {@code detail} free text.
 */
public record Rejection(String key, String origin, String reason, String detail) implements Serializable {
    public static final String TSV_HEADER = "key\torigin\treason\tdetail";

    public String toTsv() {
        return String.join("\t", clean(key), clean(origin), clean(reason), clean(detail));
    }

    public static Rejection fromTsv(String line) {
        String[] cells = line.split("\t", -1);
        if (cells.length != 4) {
            throw new IllegalArgumentException("not a rejection line (4 tab-separated cells expected): " + line);
        }
        return new Rejection(cells[0], cells[1], cells[2], cells[3]);
    }

    private static String clean(String cell) {
        return cell.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
