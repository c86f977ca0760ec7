package org.clipdg.core;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints items done, rate and ETA every few seconds while a long step runs. */
public final class Progress implements AutoCloseable {
    private static final long PERIOD_SECONDS = 10;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "clipdg-progress");
        thread.setDaemon(true);
        return thread;
    });

    /** Reports {@code done} against {@code total} as lines {@code [label] done / total unit, rate, ETA}. */
    public Progress(PrintStream out, String label, String unit, long total, LongSupplier done) {
        long started = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            long count = done.getAsLong();
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = count / seconds;
            String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (total - count) / rate) : "?";
            out.printf(Locale.ROOT, "[%s] %,d / %,d %s, %.1f %s/s, ETA %s%n", label, count, total, unit, rate, unit, eta);
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
