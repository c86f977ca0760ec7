package org.clipdg.core.samplesheet;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.clipdg.core.BraceExpansion;
import org.clipdg.core.DomainLabels;

/**
 * Reads and validates {@code name,role,format,path,domain,group,classes} samplesheets (an optional
 * {@code domain_labels} column maps the row's domain names to labels). Relative
 * paths are resolved against the samplesheet's folder. Validation collects every problem before
 * failing; the message names each bad row by line number and dataset name.
 */
public final class Samplesheet {
    public static final List<String> COLUMNS = List.of("name", "role", "format", "path", "domain", "group", "classes");
    /** Optional: labels of the row's domain names beyond the built-in ones, as --domain_labels takes them. */
    public static final String DOMAIN_LABELS = "domain_labels";
    public static final String QUICKDRAW_SUFFIX = ".ndjson.gz";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final int MAX_LISTED_MISSING = 3;

    private Samplesheet() {}

    public static List<DatasetEntry> read(Path file) throws IOException, SamplesheetException {
        Path sheet = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(sheet)) {
            throw new SamplesheetException(sheet, List.of("file not found"));
        }
        List<String> problems = new ArrayList<>();
        List<DatasetEntry> entries = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).build();
        try (Reader reader = withoutByteOrderMark(Files.newBufferedReader(sheet, StandardCharsets.UTF_8));
                CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (!header.containsAll(COLUMNS)) {
                List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
                throw new SamplesheetException(sheet, List.of("header " + header + " lacks column(s) " + missing
                        + "; expected " + String.join(",", COLUMNS)));
            }
            Set<String> names = new HashSet<>();
            for (CSVRecord record : parser) {
                DatasetEntry entry = parseRow(record, sheet.getParent(), names, problems);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            problems.add("not a readable CSV: " + e.getMessage());
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            problems.add("no datasets listed");
        }
        if (!problems.isEmpty()) {
            throw new SamplesheetException(sheet, problems);
        }
        return entries;
    }

    /** Spreadsheet programs save UTF-8 CSV with a byte-order mark, which would otherwise start the first column's name. */
    private static Reader withoutByteOrderMark(java.io.BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static DatasetEntry parseRow(CSVRecord record, Path base, Set<String> names, List<String> problems) {
        int line = (int) record.getParser().getCurrentLineNumber();
        String name = record.get("name");
        String where = "line " + line + (name.isEmpty() ? "" : " ('" + name + "')");
        int before = problems.size();
        if (!record.isConsistent()) {
            problems.add(where + ": expected " + record.getParser().getHeaderNames().size() + " columns, found "
                    + record.size());
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            problems.add(where + ": name must start with a letter and use only letters, digits, '_' or '-'"
                    + " (at most 64 characters)");
        } else if (!names.add(name)) {
            problems.add(where + ": duplicate name '" + name + "'");
        }
        Role role = parseEnum(Role.class, record.get("role"), "role", where, problems);
        Format format = parseEnum(Format.class, record.get("format"), "format", where, problems);
        List<String> classes = parseClasses(record.get("classes"), where, problems);
        String domainLabels = record.isMapped(DOMAIN_LABELS) ? record.get(DOMAIN_LABELS) : "";
        try {
            DomainLabels.withMapping(domainLabels);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": column " + DOMAIN_LABELS + ": " + e.getMessage());
        }
        String path = record.get("path");
        List<Path> inputs = List.of();
        if (path.isEmpty()) {
            problems.add(where + ": empty path");
        } else if (format != null) {
            inputs = resolveInputs(format, path, classes, base, where, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new DatasetEntry(line, name, role, format, path, inputs, record.get("domain"), record.get("group"),
                classes, domainLabels);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String column, String where,
            List<String> problems) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            problems.add(where + ": unknown " + column + " '" + value + "' (expected one of " + allowed + ")");
            return null;
        }
    }

    private static List<String> parseClasses(String value, String where, List<String> problems) {
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> classes = Arrays.stream(value.split(";", -1)).map(String::trim).toList();
        if (classes.contains("")) {
            problems.add(where + ": empty class name in '" + value + "' (classes are ';'-separated)");
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            problems.add(where + ": repeated class in '" + value + "'");
        }
        return classes;
    }

    private static List<Path> resolveInputs(Format format, String path, List<String> classes, Path base,
            String where, List<String> problems) {
        return switch (format) {
            case WEBDATASET -> resolveShards(path, base, where, problems);
            case IMAGEFOLDER, DOMAINFOLDER -> requireFolder(base.resolve(path).normalize(), where, problems);
            case SYNTHETIC -> requireFile(base.resolve(path).normalize(), where, problems);
            case QUICKDRAW -> resolveQuickDraw(base.resolve(path).normalize(), classes, where, problems);
        };
    }

    private static List<Path> resolveShards(String pattern, Path base, String where, List<String> problems) {
        List<String> expanded;
        try {
            expanded = BraceExpansion.expand(pattern);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": bad shard pattern: " + e.getMessage());
            return List.of();
        }
        List<Path> shards = expanded.stream().map(p -> base.resolve(p).normalize()).toList();
        List<Path> missing = shards.stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (!missing.isEmpty()) {
            problems.add(where + ": " + missing.size() + " of " + shards.size() + " shard(s) not found, e.g. "
                    + missing.subList(0, Math.min(MAX_LISTED_MISSING, missing.size())));
        }
        return shards;
    }

    private static List<Path> requireFolder(Path folder, String where, List<String> problems) {
        if (!Files.isDirectory(folder)) {
            problems.add(where + ": folder not found: " + folder);
        }
        return List.of(folder);
    }

    private static List<Path> requireFile(Path file, String where, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(where + ": file not found: " + file);
        }
        return List.of(file);
    }

    private static List<Path> resolveQuickDraw(Path folder, List<String> classes, String where, List<String> problems) {
        if (!Files.isDirectory(folder)) {
            problems.add(where + ": QuickDraw folder not found: " + folder
                    + " (the default study fetches it with 'make setup')");
            return List.of();
        }
        if (classes.isEmpty()) {
            List<Path> all = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + QUICKDRAW_SUFFIX)) {
                files.forEach(all::add);
            } catch (IOException e) {
                problems.add(where + ": cannot list " + folder + ": " + e.getMessage());
            }
            if (all.isEmpty()) {
                problems.add(where + ": no *" + QUICKDRAW_SUFFIX + " files in " + folder);
            }
            return all.stream().sorted().toList();
        }
        List<Path> files = classes.stream().map(c -> folder.resolve(c + QUICKDRAW_SUFFIX)).toList();
        List<String> missing = classes.stream()
                .filter(c -> !Files.isRegularFile(folder.resolve(c + QUICKDRAW_SUFFIX))).toList();
        if (!missing.isEmpty()) {
            problems.add(where + ": QuickDraw classes without a " + QUICKDRAW_SUFFIX + " file in " + folder + ": "
                    + missing);
        }
        return files;
    }
}
