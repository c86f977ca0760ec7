package org.clipdg.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.clipdg.core.TsvTable;

/** Runs bin/nextflow on the real main.nf from a launch folder of the test's own, and keeps its output. */
final class NextflowRun {
    static final Path ROOT = Path.of(System.getProperty("clipdg.root", "../..")).toAbsolutePath().normalize();
    private static final long TIMEOUT_MINUTES = 10;

    final int exitCode;
    final String output;

    private NextflowRun(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    /** {@code bin/nextflow run main.nf args...}. */
    static NextflowRun run(Path launchDir, String... args) throws IOException, InterruptedException {
        return nextflow(launchDir, runArguments(args));
    }

    /** {@code bin/nextflow run main.nf args...} started, its output going to {@code log}. */
    static Process startRun(Path launchDir, Path log, String... args) throws IOException {
        return startRun(launchDir, log, Map.of(), args);
    }

    /** {@code bin/nextflow run main.nf args...} started with these environment variables added. */
    static Process startRun(Path launchDir, Path log, Map<String, String> environment, String... args) throws IOException {
        return start(launchDir, log, environment, runArguments(args));
    }

    private static String[] runArguments(String... args) {
        List<String> command = new ArrayList<>(List.of("run", ROOT.resolve("main.nf").toString()));
        command.addAll(Arrays.asList(args));
        return command.toArray(String[]::new);
    }

    /** {@code bin/nextflow args...}, e.g. {@code config}. */
    static NextflowRun nextflow(Path launchDir, String... args) throws IOException, InterruptedException {
        Path log = launchDir.resolve("nextflow-" + System.nanoTime() + ".out");
        return awaitExit(start(launchDir, log, Map.of(), args), log);
    }

    /** The run of a started Nextflow, once it exits (killed, with its tasks, after the time limit). */
    static NextflowRun awaitExit(Process process, Path log) throws IOException, InterruptedException {
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            killWithTasks(process);
            throw new AssertionError("nextflow did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        return new NextflowRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** {@code bin/nextflow args...} started with these environment variables added, its output going to {@code log}. */
    private static Process start(Path launchDir, Path log, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/nextflow").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(launchDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * SIGKILL to Nextflow and every task process it started, as a crashed machine would leave
     * them: no shutdown hook runs, and no orphaned task goes on writing.
     */
    static void killWithTasks(Process nextflow) throws InterruptedException {
        List<ProcessHandle> tasks = nextflow.descendants().toList();
        nextflow.destroyForcibly().waitFor();
        tasks.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle task : tasks) {
            task.onExit().join();
        }
    }

    /** Rows of the newest execution trace under {@code outdir/pipeline_info}, as (column -> value) maps. */
    static List<Map<String, String>> newestTrace(Path outdir) throws IOException {
        Path trace;
        try (Stream<Path> files = Files.list(outdir.resolve("pipeline_info"))) {
            trace = files.filter(p -> p.getFileName().toString().startsWith("execution_trace_"))
                    .max(java.util.Comparator.comparing(Path::toString)).orElseThrow();
        }
        return TsvTable.read(trace);
    }

    String describe() {
        return "exit " + exitCode + "\n" + output;
    }
}
