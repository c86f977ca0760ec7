package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/base.config's errorStrategy as Nextflow applies it (test/retry/main.nf with the pipeline's configuration). */
class RetryRuleTest {
    @TempDir
    Path launch;

    private NextflowRun run(Path outdir, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", NextflowRun.ROOT.resolve("test/retry/main.nf").toString(),
                "-c", NextflowRun.ROOT.resolve("nextflow.config").toString(), "--outdir", outdir.toString()));
        args.addAll(List.of(extra));
        return NextflowRun.nextflow(launch, args.toArray(String[]::new));
    }

    @Test
    void resourceAndSchedulerKillsAreRetriedOnceWithDoubledMemory() throws Exception {
        Path outdir = launch.resolve("killed");
        NextflowRun run = run(outdir);
        assertEquals(0, run.exitCode, run.describe());
        for (int code : List.of(137, 140, 143)) {
            assertTrue(run.output.contains("exit " + code + ": attempt 2 with 4 GB"), code + " retried with 2 x 2 GB:\n" + run.output);
        }
        List<Map<String, String>> trace = NextflowRun.newestTrace(outdir);
        assertEquals(List.of("137", "140", "143"), trace.stream().filter(r -> r.get("status").equals("FAILED")).map(r -> r.get("exit"))
                .sorted().toList(), trace.toString());
        assertEquals(3, trace.stream().filter(r -> r.get("status").equals("COMPLETED")).count(), trace.toString());
    }

    @Test
    void anyOtherFailureStopsTheRunWithTheTasksOwnMessageAndNoRetry() throws Exception {
        Path outdir = launch.resolve("failed");
        NextflowRun run = run(outdir, "--with_failure", "true");
        assertNotEquals(0, run.exitCode, run.describe());
        assertTrue(run.output.contains("Command error:\n  clipdg ingest: shard broken.tar, record 7: not a tar entry"), run.describe());
        assertFalse(run.output.contains("groovy.lang.") || run.output.contains("\tat nextflow."), "no stack trace:\n" + run.output);
        List<Map<String, String>> trace = NextflowRun.newestTrace(outdir);
        assertEquals(1, trace.stream().filter(r -> r.get("process").equals("BAD_INPUT")).count(), "not retried: " + trace);
    }
}
