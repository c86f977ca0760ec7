package org.clipdg.embed.cliprt;

import java.io.PrintStream;
import java.util.Locale;

/** Prints rows done, rate and ETA at most every few seconds as an import advances. */
final class ImportProgress {
    private static final long PERIOD_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final String dataset;
    private final long total;
    private final long started = System.nanoTime();
    private long lastPrinted = started;
    private long done;

    ImportProgress(PrintStream out, String dataset, long total) {
        this.out = out;
        this.dataset = dataset;
        this.total = total;
    }

    void advance() {
        done++;
        long now = System.nanoTime();
        if (now - lastPrinted >= PERIOD_NANOS) {
            lastPrinted = now;
            double rate = done / ((now - started) / 1e9);
            out.printf(Locale.ROOT, "[import %s] %,d / %,d rows, %.0f rows/s, ETA %.0f s%n", dataset, done, total, rate,
                    (total - done) / rate);
        }
    }
}
