package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        // A TRAIN_SPLIT task: its script trains on a whitelist.
        Path training = TaskDirs.awaitTrainingPastItsFirstCheckpoint(work,
                script -> script.contains("clipdg train") && script.contains("--whitelist"), crashing, crashingLog);
        NextflowRun.killWithTasks(crashing);
        assertFalse(Files.exists(training.resolve(".exitcode")), "killed while training: " + training);
        List<Path> finished = TaskDirs.finished(work);

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

        List<String> compared = SameOutputs.assertTwins(clean.outdir(), outdir, SameOutputs.DETERMINISTIC);
        assertTrue(compared.contains("evaluation/metrics.tsv") && compared.size() > 50, compared.toString());
    }
}
