package org.clipdg.similarity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.faiss.Faiss;
import org.clipdg.faiss.FaissIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the similarity step's two engines on raw float32 files (row-major, native order), for
 * bench/knn.sh: FAISS's exact index through the JNI binding, and the one-pass workload (reference
 * thresholds, then per pool block: top-k per test point, nearest test point and matched verdict
 * per pool sample) with blocks read into one reused buffer, so memory stays flat however many
 * times the base is streamed.
 */
@Command(name = "bench-knn", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark: exact search and the one-pass similarity workload on raw float32 files; prints GFLOP/s.")
public final class BenchKnnCommand implements Callable<Integer> {
    @Option(names = "--base", required = true) Path base;
    @Option(names = "--queries", required = true) Path queries;
    @Option(names = "--dim", defaultValue = "512") int dimension;
    @Option(names = "--k", defaultValue = "10") int k;
    @Option(names = "--threads", defaultValue = "2") int threads;
    @Option(names = "--mode", required = true, description = "faiss-flat or one-pass") String mode;
    @Option(names = "--block", defaultValue = "65536", description = "Pool rows per block (one-pass).") int blockRows;
    @Option(names = "--passes", defaultValue = "1", description = "Stream the base this many times (one-pass).") int passes;
    @Option(names = "--repeat", defaultValue = "3", description = "Searches timed (faiss-flat); the best counts.") int repeat;
    @Option(names = "--reference-rows", defaultValue = "10000",
            description = "Rows at the start of the base that act as the reference set (one-pass).") int referenceRows;

    @Override
    public Integer call() throws IOException {
        Faiss.setThreads(threads);
        long baseRows = Files.size(base) / 4 / dimension;
        FloatBuffer testVectors = readAll(queries);
        int queryRows = testVectors.capacity() / dimension;
        if (mode.equals("faiss-flat")) {
            FloatBuffer baseVectors = readAll(base);
            try (FaissIndex index = FaissIndex.create("Flat", dimension)) {
                index.add(baseVectors);
                double best = Double.MAX_VALUE;
                for (int round = 0; round < repeat; round++) {
                    long started = System.nanoTime();
                    index.search(testVectors, k);
                    best = Math.min(best, (System.nanoTime() - started) / 1e9);
                }
                report("clipdg_flat_search", best, queryRows, baseRows);
            }
        } else if (mode.equals("one-pass")) {
            onePass(testVectors, queryRows, baseRows);
        } else {
            throw new IllegalArgumentException("--mode is faiss-flat or one-pass, not " + mode);
        }
        return 0;
    }

    private void onePass(FloatBuffer testVectors, int queryRows, long baseRows) throws IOException {
        VectorBlock tests = new VectorBlock("test", keys("q", 0, queryRows), testVectors, dimension);
        SimilarityKernel kernel = NativeKernel.withThreads(threads);
        SimilarityPass.Settings settings = new SimilarityPass.Settings(k, 0, 1, 1 << 24);
        long started = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(blockRows * dimension * 4).order(ByteOrder.nativeOrder());
        TestSetScan reference = TestSetScan.ofReference(tests);
        try (FileChannel channel = FileChannel.open(base, StandardOpenOption.READ)) {
            int rows = (int) Math.min(referenceRows, Math.min(blockRows, baseRows));
            VectorBlock block = read(channel, buffer, 0, rows, "r", 0);
            new BlockComparison(kernel, settings.productFloats()).compare(block, reference, new TestSetScan.RowMatches(rows), null, 0);
            TestSetScan scan = new TestSetScan(tests, k, reference.referenceThresholds());
            BlockComparison comparison = new BlockComparison(kernel, settings.productFloats());
            long matched = 0;
            for (int pass = 0; pass < passes; pass++) {
                for (long first = 0; first < baseRows; first += blockRows) {
                    int count = (int) Math.min(blockRows, baseRows - first);
                    VectorBlock pool = read(channel, buffer, first, count, "p" + pass + "_", first);
                    TestSetScan.RowMatches matches = new TestSetScan.RowMatches(count);
                    comparison.compare(pool, scan, matches, null, 0);
                    for (int m : matches.matchingQueries()) {
                        matched += m > 0 ? 1 : 0;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "one_pass matched=%d peak_rss_mb=%d pool_vectors_per_s=%.0f%n", matched,
                    peakRssMegabytes(), passes * baseRows / ((System.nanoTime() - started) / 1e9));
        }
        report("one_pass", (System.nanoTime() - started) / 1e9, queryRows, passes * baseRows + Math.min(referenceRows, baseRows));
    }

    private VectorBlock read(FileChannel channel, ByteBuffer buffer, long firstRow, int rows, String prefix, long keyOffset)
            throws IOException {
        buffer.clear().limit(rows * dimension * 4);
        long position = firstRow * dimension * 4;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException(base + ": ends before row " + (firstRow + rows));
            }
        }
        buffer.flip();
        return new VectorBlock("pool", keys(prefix, keyOffset, rows), buffer.asFloatBuffer(), dimension);
    }

    private static String[] keys(String prefix, long offset, int count) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = prefix + (offset + i);
        }
        return keys;
    }

    private FloatBuffer readAll(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.toIntExact(Files.size(file))).order(ByteOrder.nativeOrder());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes) < 0) {
                    throw new IOException(file + ": shorter than its size");
                }
            }
        }
        return bytes.flip().asFloatBuffer();
    }

    private void report(String name, double seconds, long queryRows, long baseRows) {
        System.out.printf(Locale.ROOT, "%s seconds=%.3f gflops=%.1f%n", name, seconds,
                2.0 * queryRows * baseRows * dimension / seconds / 1e9);
    }

    private static long peakRssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
