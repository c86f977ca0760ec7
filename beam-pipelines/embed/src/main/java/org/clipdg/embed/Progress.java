package org.clipdg.embed;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints images done, rate and ETA every few seconds while a pipeline runs. */
final class Progress implements AutoCloseable {
    private static final long PERIOD_SECONDS = 10;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embed-progress");
        thread.setDaemon(true);
        return thread;
    });

    Progress(PrintStream out, String dataset, long total, LongSupplier done) {
        long started = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            long images = done.getAsLong();
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = images / seconds;
            String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (total - images) / rate) : "?";
            out.printf(Locale.ROOT, "[embed %s] %,d / %,d images, %.1f images/s, ETA %s%n", dataset, images, total, rate, eta);
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
