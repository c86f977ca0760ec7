package org.clipdg.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs bin/clipdg as a separate process, the way Nextflow tasks do, and keeps its output. */
final class ClipdgRun {
    final int exitCode;
    final String output;

    private ClipdgRun(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    static Process start(Path log, String... args) throws IOException {
        return start(Path.of(""), log, args);
    }

    /** Started in {@code directory}, as a Nextflow task starts it in its work folder. */
    static Process start(Path directory, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(NextflowRun.ROOT.resolve("bin/clipdg").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    static ClipdgRun run(Path log, String... args) throws IOException, InterruptedException {
        return run(Path.of(""), log, args);
    }

    static ClipdgRun run(Path directory, Path log, String... args) throws IOException, InterruptedException {
        Process process = start(directory, log, args);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("clipdg " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new ClipdgRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    String describe() {
        return "exit " + exitCode + "\n" + output;
    }
}
