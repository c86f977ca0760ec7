package org.clipdg.core;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleFunction;
import java.util.function.LongSupplier;

/** Prints a line every few seconds while a long step runs: items done, rate and ETA, or where the work runs. */
public final class Progress implements AutoCloseable {
    private static final long PERIOD_SECONDS = 10;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "clipdg-progress");
        thread.setDaemon(true);
        return thread;
    });

    /** Reports {@code done} against {@code total} as lines {@code [label] done / total unit, rate, ETA}. */
    public Progress(PrintStream out, String label, String unit, long total, LongSupplier done) {
        this(out, seconds -> {
            long count = done.getAsLong();
            double rate = count / seconds;
            String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (total - count) / rate) : "?";
            return String.format(Locale.ROOT, "[%s] %,d / %,d %s, %.1f %s/s, ETA %s", label, count, total, unit, rate, unit, eta);
        });
    }

    /**
     * For work done and counted in other processes (a cluster's workers, whose counters arrive when the job
     * ends): lines that say where it runs and for how long, never a count that would stay at zero.
     */
    public static Progress elsewhere(PrintStream out, String label, String where, String unit, long total) {
        return new Progress(out, seconds -> String.format(Locale.ROOT, "[%s] running on %s for %.0f s; its %,d %s are"
                + " counted when the job ends", label, where, seconds, total, unit));
    }

    private Progress(PrintStream out, DoubleFunction<String> line) {
        long started = System.nanoTime();
        timer.scheduleAtFixedRate(() -> out.println(line.apply((System.nanoTime() - started) / 1e9)), PERIOD_SECONDS,
                PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
