package org.clipdg.core.split;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clipdg.core.AtomicFiles;
import org.clipdg.schema.SplitSummary;

/**
 * The folder layout of a step's splits: {@code <folder>/<name>.tsv} whitelists (folder
 * {@code splits} by default) and a {@code <folder>.tsv} summary row per split. Stale whitelists of
 * an earlier run are removed first, so the folder never mixes runs; the caller writes its manifest last.
 */
public final class SplitFolder {
    public static final String SPLITS_DIR = "splits";

    /** One split to write: {@code entries} are {@code (dataset, key)} pairs; {@code sourceSize} what it was drawn from. */
    public record Split(String name, String rule, String parameters, Collection<String[]> entries, long sourceSize) {}

    private final Path splitsDir;
    private final Path summaryFile;
    private final PrintStream progress;
    private final String step;
    private final List<SplitSummary> summaries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private SplitFolder(Path out, String folder, PrintStream progress, String step) {
        this.splitsDir = out.resolve(folder);
        this.summaryFile = out.resolve(folder + ".tsv");
        this.progress = progress;
        this.step = step;
    }

    /** Prepares {@code out/splits/}, emptied of whitelists; {@code step} prefixes progress lines. */
    public static SplitFolder create(Path out, PrintStream progress, String step) throws IOException {
        return create(out, SPLITS_DIR, progress, step);
    }

    /** Prepares {@code out/<folder>/}, emptied of whitelists. */
    public static SplitFolder create(Path out, String folder, PrintStream progress, String step) throws IOException {
        Path dir = Files.createDirectories(out.resolve(folder));
        try (var stale = Files.newDirectoryStream(dir, "*.tsv")) {
            for (Path file : stale) {
                Files.delete(file);
            }
        }
        return new SplitFolder(out, folder, progress, step);
    }

    public SplitSummary add(Split split) throws IOException {
        if (!split.name().matches("[A-Za-z0-9_.:+=-]+")) {
            throw new IllegalArgumentException("split name '" + split.name() + "' must be letters, digits and _.:+=- only");
        }
        if (!names.add(split.name())) {
            throw new IllegalArgumentException("two splits would be named '" + split.name() + "'; list each setting once");
        }
        Whitelist whitelist = Whitelist.write(splitsDir.resolve(split.name() + ".tsv"), split.entries());
        SplitSummary summary = new SplitSummary(split.name(), split.rule(), split.parameters(), (long) whitelist.size(),
                split.sourceSize() - whitelist.size(), whitelist.sha256());
        summaries.add(summary);
        progress.printf("[%s] %s: keeps %,d of %,d%n", step, split.name(), whitelist.size(), split.sourceSize());
        return summary;
    }

    /** Writes the summary ({@code <folder>.tsv}); returns every split's summary in the order added. */
    public List<SplitSummary> finish() throws IOException {
        StringBuilder tsv = new StringBuilder("split\trule\tparameters\tkept\tremoved\tsha256\n");
        for (SplitSummary summary : summaries) {
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%s\n", summary.getName(), summary.getRule(),
                    summary.getParameters(), summary.getKept(), summary.getRemoved(), summary.getSha256()));
        }
        AtomicFiles.writeString(summaryFile, tsv.toString());
        return List.copyOf(summaries);
    }
}
