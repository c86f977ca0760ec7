package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean run of {@code -profile test}, killed (Nextflow and its tasks, SIGKILL) while a split's
 * CLIP trains, then run again with {@code -resume}: finished tasks are reused, the training goes
 * on from its checkpoint, and the results are byte for byte those of the uninterrupted clean run
 * ({@link TestProfileRun}). Two clean runs in their own folders that agree byte for byte are also
 * the determinism check: one costs the CI a single extra run for both.
 */
class CrashResumeTest {
    private static final Pattern CHECKPOINTS = Pattern.compile("^\\[train\\] checkpoints after every epoch in (.+)$",
            Pattern.MULTILINE);

    @TempDir
    Path launch;

    @Test
    void aRunKilledDuringTrainingResumesToTheResultsOfAnUninterruptedOne() throws Exception {
        TestProfileRun clean = TestProfileRun.clean();
        assertEquals(0, clean.result().exitCode, clean.result().describe());

        Path outdir = launch.resolve("results");
        Path work = launch.resolve("work");
        Path crashingLog = launch.resolve("crashing.out");
        Process crashing = NextflowRun.startRun(launch, crashingLog, "-profile", "test", "--outdir", outdir.toString());
        Path training = awaitSplitTrainingPastItsFirstCheckpoint(work, crashing, crashingLog);
        NextflowRun.killWithTasks(crashing);
        assertFalse(Files.exists(training.resolve(".exitcode")), "killed while training: " + training);
        List<Path> finished = finishedTasks(work);

        NextflowRun resumed = NextflowRun.run(launch, "-profile", "test", "--outdir", outdir.toString(), "-resume");
        assertEquals(0, resumed.exitCode, resumed.describe());
        List<Map<String, String>> trace = NextflowRun.newestTrace(outdir);
        assertEquals(NextflowRun.newestTrace(clean.outdir()).size(), trace.size(), "every task of the study ran or was reused");
        assertEquals(finished.size(), trace.stream().filter(r -> r.get("status").equals("CACHED")).count(),
                "every task finished before the kill is reused, and only those: " + trace);
        String interrupted = Files.readString(training.resolve(".command.sh"));
        Map<String, String> rerun = trace.stream().filter(r -> r.get("process").equals("TRAIN_SPLIT") && interrupted.contains(
                "--out " + r.get("tag") + "\n")).findFirst().orElseThrow();
        assertEquals("COMPLETED", rerun.get("status"));
        String log = Files.readString(Path.of(rerun.get("workdir")).resolve(".command.err"));
        assertTrue(log.contains("[train] resuming from"), "the interrupted training went on from its checkpoint:\n" + log);

        List<String> compared = new ArrayList<>();
        for (Path relative : TestProfileRun.deterministicOutputs(clean.outdir())) {
            Path actual = outdir.resolve(relative);
            assertTrue(Files.isRegularFile(actual), relative + " is missing after the resume");
            assertArrayEquals(Files.readAllBytes(clean.outdir().resolve(relative)), Files.readAllBytes(actual), relative
                    + " differs from the uninterrupted run's");
            compared.add(relative.toString());
        }
        assertTrue(compared.contains("evaluation/metrics.tsv") && compared.size() > 50, compared.toString());
    }

    /** The task folder of the first TRAIN_SPLIT task, once it has saved its first epoch's checkpoint. */
    private static Path awaitSplitTrainingPastItsFirstCheckpoint(Path work, Process run, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (run.isAlive() && System.nanoTime() < deadline) {
            List<Path> trainings = splitTrainings(work);
            if (trainings.stream().anyMatch(task -> Files.exists(task.resolve(".exitcode")))) {
                throw new AssertionError("a split's training finished before its first checkpoint was seen: " + trainings);
            }
            if (!trainings.isEmpty() && firstCheckpoint(trainings.get(0)).isPresent()) {
                return trainings.get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no split training reached its first checkpoint (nextflow "
                + (run.isAlive() ? "still running" : "exited " + run.exitValue()) + "):\n" + Files.readString(log));
    }

    /** TRAIN_SPLIT task folders: their script trains on a whitelist. */
    private static List<Path> splitTrainings(Path work) throws IOException {
        List<Path> trainings = new ArrayList<>();
        for (Path task : taskDirs(work)) {
            Path script = task.resolve(".command.sh");
            if (Files.isRegularFile(script)) {
                String text = Files.readString(script);
                if (text.contains("clipdg train") && text.contains("--whitelist")) {
                    trainings.add(task);
                }
            }
        }
        return trainings;
    }

    /** The task's first epoch checkpoint, once saved (in the folder its log names). */
    private static Optional<Path> firstCheckpoint(Path task) throws IOException {
        Path log = task.resolve(".command.err");
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        Matcher named = CHECKPOINTS.matcher(Files.readString(log));
        return named.find() ? Optional.of(Path.of(named.group(1)).resolve("epoch-0001")).filter(Files::isDirectory)
                : Optional.empty();
    }

    private static List<Path> finishedTasks(Path work) throws IOException {
        List<Path> finished = new ArrayList<>();
        for (Path task : taskDirs(work)) {
            Path exit = task.resolve(".exitcode");
            if (Files.isRegularFile(exit) && Files.readString(exit).strip().equals("0")) {
                finished.add(task);
            }
        }
        return finished;
    }

    private static List<Path> taskDirs(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.walk(work, 2)) {
            return dirs.filter(p -> work.relativize(p).getNameCount() == 2 && work.relativize(p).getName(0).toString().length() == 2)
                    .filter(Files::isDirectory).toList();
        }
    }
}
