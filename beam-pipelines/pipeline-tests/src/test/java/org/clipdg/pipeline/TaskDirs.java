package org.clipdg.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Task folders of a Nextflow work directory ({@code work/ab/cdef...}), read while a run goes on. */
final class TaskDirs {
    private static final Pattern CHECKPOINTS = Pattern.compile("^\\[train\\] checkpoints after every epoch in (.+)$",
            Pattern.MULTILINE);

    private TaskDirs() {
    }

    private static List<Path> all(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.walk(work, 2)) {
            return dirs.filter(p -> work.relativize(p).getNameCount() == 2 && work.relativize(p).getName(0).toString().length() == 2)
                    .filter(Files::isDirectory).toList();
        }
    }

    /** Task folders whose script (.command.sh, once written) matches. */
    static List<Path> withScript(Path work, Predicate<String> script) throws IOException {
        List<Path> tasks = new ArrayList<>();
        for (Path task : all(work)) {
            Path file = task.resolve(".command.sh");
            if (Files.isRegularFile(file) && script.test(Files.readString(file))) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    /** Task folders that exited 0. */
    static List<Path> finished(Path work) throws IOException {
        List<Path> finished = new ArrayList<>();
        for (Path task : all(work)) {
            Path exit = task.resolve(".exitcode");
            if (Files.isRegularFile(exit) && Files.readString(exit).strip().equals("0")) {
                finished.add(task);
            }
        }
        return finished;
    }

    /** A training task's first epoch checkpoint, once saved (in the folder its log names). */
    private static Optional<Path> firstCheckpoint(Path task) throws IOException {
        Path log = task.resolve(".command.err");
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        Matcher named = CHECKPOINTS.matcher(Files.readString(log));
        return named.find() ? Optional.of(Path.of(named.group(1)).resolve("epoch-0001")).filter(Files::isDirectory)
                : Optional.empty();
    }

    /**
     * The first task folder whose script matches, once that training has saved its first epoch's
     * checkpoint and while it still runs; fails when it finishes first or the run ends.
     */
    static Path awaitTrainingPastItsFirstCheckpoint(Path work, Predicate<String> script, Process run, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (run.isAlive() && System.nanoTime() < deadline) {
            List<Path> trainings = withScript(work, script);
            if (trainings.stream().anyMatch(task -> Files.exists(task.resolve(".exitcode")))) {
                throw new AssertionError("a training finished before its first checkpoint was seen: " + trainings);
            }
            if (!trainings.isEmpty() && firstCheckpoint(trainings.get(0)).isPresent()) {
                return trainings.get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no training reached its first checkpoint (nextflow "
                + (run.isAlive() ? "still running" : "exited " + run.exitValue()) + "):\n" + Files.readString(log));
    }
}
