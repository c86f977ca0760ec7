package org.clipdg.core.split;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.Hashing;

/**
 * The samples a training run may use, written by the pruning step. File format: UTF-8 text, one
 * {@code <dataset>\t<key>} line per sample, each line ended by a newline, lines sorted in
 * {@link String} order and unique, no header. Immutable and thread-safe.
 */
public final class Whitelist {
    public record Entry(String dataset, String key) {}

    private final String[] lines;
    private final String sha256;

    private Whitelist(String[] lines, String sha256) {
        this.lines = lines;
        this.sha256 = sha256;
    }

    public static Whitelist read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": whitelist is not valid UTF-8: " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            String[] fields = line.split("\t", -1);
            if (fields.length != 2 || fields[0].isEmpty() || fields[1].isEmpty() || line.indexOf('\r') >= 0) {
                throw new IOException(file + " line " + number + ": expected '<dataset>\\t<key>', got '" + line + "'");
            }
            if (i > 0) {
                int order = lines.get(i - 1).compareTo(line);
                if (order == 0) {
                    throw new IOException(file + " line " + number + ": duplicate entry '" + line + "'");
                }
                if (order > 0) {
                    throw new IOException(file + " line " + number + ": not sorted ('" + line + "' after '"
                            + lines.get(i - 1) + "')");
                }
            }
        }
        return new Whitelist(lines.toArray(String[]::new), Hashing.sha256(bytes));
    }

    /** Writes {@code (dataset, key)} pairs sorted and de-duplicated, atomically; returns what was written. */
    public static Whitelist write(Path file, Collection<String[]> entries) throws IOException {
        String[] lines = entries.stream().map(Whitelist::line).sorted().distinct().toArray(String[]::new);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
        return new Whitelist(lines, Hashing.sha256(bytes));
    }

    private static String line(String[] entry) {
        if (entry.length != 2) {
            throw new IllegalArgumentException("whitelist entry needs (dataset, key), got " + Arrays.toString(entry));
        }
        for (String field : entry) {
            if (field.isEmpty() || field.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("whitelist field must be non-empty, without tab or newline: "
                        + Arrays.toString(entry));
            }
        }
        return entry[0] + '\t' + entry[1];
    }

    public boolean contains(String dataset, String key) {
        return Arrays.binarySearch(lines, dataset + '\t' + key) >= 0;
    }

    /** Position of the entry in file order, or -1. */
    public int indexOf(String dataset, String key) {
        int index = Arrays.binarySearch(lines, dataset + '\t' + key);
        return index >= 0 ? index : -1;
    }

    public int size() {
        return lines.length;
    }

    /** SHA-256 of the file bytes: identifies the whitelist in run records. */
    public String sha256() {
        return sha256;
    }

    /** Entries in file order. */
    public List<Entry> entries() {
        return new AbstractList<>() {
            @Override
            public Entry get(int index) {
                String line = lines[index];
                int tab = line.indexOf('\t');
                return new Entry(line.substring(0, tab), line.substring(tab + 1));
            }

            @Override
            public int size() {
                return lines.length;
            }
        };
    }
}
