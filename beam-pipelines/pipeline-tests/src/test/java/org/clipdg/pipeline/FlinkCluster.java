package org.clipdg.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Flink session cluster started by {@code bin/flink-cluster start} into its own folder, stopped (by pid) on close. */
record FlinkCluster(Path dir, String restAddress, long jobManagerPid, long taskManagerPid) implements AutoCloseable {

    static FlinkCluster start(Path dir) throws IOException, InterruptedException {
        String address = flinkCluster(dir.resolveSibling(dir.getFileName() + "-start.log"), "start", "--dir", dir.toString());
        return new FlinkCluster(dir, address.strip(), pid(dir.resolve("jobmanager.pid")), pid(dir.resolve("taskmanager-1.pid")));
    }

    List<Long> pids() {
        return List.of(jobManagerPid, taskManagerPid);
    }

    private static long pid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        flinkCluster(dir.resolveSibling(dir.getFileName() + "-stop.log"), "stop", "--dir", dir.toString());
    }

    /** The JobManager's and TaskManager's logs, for a failure's message. */
    String logs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("jobmanager.log", "taskmanager-1.log")) {
            List<String> lines = Files.readAllLines(dir.resolve("log").resolve(name), StandardCharsets.UTF_8);
            logs.append("--- ").append(name).append(" (last 40 lines)\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))).append('\n');
        }
        return logs.toString();
    }

    /** Runs bin/flink-cluster; its standard output is the result, its standard error goes to {@code log}. */
    private static String flinkCluster(Path log, String... args) throws IOException, InterruptedException {
        Path out = log.resolveSibling(log.getFileName() + ".out");
        Process process = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/flink-cluster " + args[0] + " did not finish in 6 minutes");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("bin/flink-cluster " + String.join(" ", args) + ": exit " + process.exitValue() + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(NextflowRun.ROOT.resolve("bin/flink-cluster").toString()));
        command.addAll(List.of(args));
        return command;
    }
}
