package org.clipdg.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
        List<String> command = new ArrayList<>(List.of("run", ROOT.resolve("main.nf").toString()));
        command.addAll(Arrays.asList(args));
        return nextflow(launchDir, command.toArray(String[]::new));
    }

    /** {@code bin/nextflow args...}, e.g. {@code config}. */
    static NextflowRun nextflow(Path launchDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/nextflow").toString()));
        command.addAll(Arrays.asList(args));
        Path log = launchDir.resolve("nextflow-" + System.nanoTime() + ".out");
        Process process = new ProcessBuilder(command).directory(launchDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("nextflow did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        return new NextflowRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Rows of the newest execution trace under {@code outdir/pipeline_info}, as (column -> value) maps. */
    static List<java.util.Map<String, String>> newestTrace(Path outdir) throws IOException {
        Path trace;
        try (Stream<Path> files = Files.list(outdir.resolve("pipeline_info"))) {
            trace = files.filter(p -> p.getFileName().toString().startsWith("execution_trace_"))
                    .max(java.util.Comparator.comparing(Path::toString)).orElseThrow();
        }
        List<String> lines = Files.readAllLines(trace);
        List<String> header = List.of(lines.get(0).split("\t"));
        List<java.util.Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    String describe() {
        return "exit " + exitCode + "\n" + output;
    }
}
