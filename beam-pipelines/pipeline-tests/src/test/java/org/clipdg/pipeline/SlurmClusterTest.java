package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -profile test,slurm} on a one-node SLURM cluster of this machine (test/slurm/start.sh), for
 * the similarity study without split trainings: every task is a SLURM job; a job cancelled with
 * scancel while the reference CLIP trains and a job killed by SLURM for memory are retried by the
 * retry rule (conf/base.config), the training going on from its checkpoint; the outputs are those of
 * the local {@link TestProfileRun}; and {@code -resume} reuses every task. Accounting is off, so
 * jobs are checked in the controller's job completion log and slurmd's log. To save half a minute,
 * the embeddings come from a copy of the local run's embedding store: they are found there only
 * when the reference CLIP trained on SLURM has the local one's model card.
 */
class SlurmClusterTest {
    private static final Path CLUSTER = Path.of("target", "slurm-cluster").toAbsolutePath();
    /** The similarity study's outputs that no other study adds to (the local run's metrics tables and report also hold theirs). */
    private static final List<String> COMPARED = List.of("datasets/*/manifest.json", "embeddings/*/manifest.json",
            "similarity/summary.tsv", "pruning/splits.tsv", "pruning/splits/*.tsv", "models/*/weights.ndlist",
            "models/*/model_card.json");
    private static final String METRICS = "evaluation/reference_clip/metrics.tsv";
    /** EMBED (photo_val)'s first attempt asks SLURM for 50 MB, less than its JVM needs (sbatch takes the last --mem). */
    private static final String MEMORY_FAULT = """
            process {
                withName: 'EMBED' {
                    clusterOptions = { task.attempt == 1 && meta.name == 'photo_val' ? '--mem=50M' : '' }
                }
            }
            """;
    private static final Pattern RESUMED = Pattern.compile("\\[train\\] resuming from .* \\(epoch (\\d+) done");
    private static final Pattern JOB_FIELD = Pattern.compile("(\\w+)=(\\S*)");

    private static Map<String, String> slurmEnvironment;

    @TempDir
    Path launch;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(onPath("slurmctld") && onPath("munged"), "Debian's slurm-wlm and munge are not installed (make system-packages, as root)");
        assumeTrue("root".equals(System.getProperty("user.name")), "the one-machine cluster runs as root");
        Files.createDirectories(CLUSTER);
        ScriptRun started = script("start.sh");
        assertEquals(0, started.exitCode, started.output);
        slurmEnvironment = Map.of("SLURM_CONF", CLUSTER.resolve("slurm.conf").toString());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (slurmEnvironment != null) {
            ScriptRun stopped = script("stop.sh");
            assertEquals(0, stopped.exitCode, stopped.output);
        }
    }

    @Test
    void everyTaskIsAJobCancelledAndMemoryKilledJobsAreRetriedAndTheOutputsAreThoseOfALocalRun() throws Exception {
        TestProfileRun local = TestProfileRun.clean();
        assertEquals(0, local.result().exitCode, local.result().describe());
        Path store = copy(local.launch().resolve("work/clipdg-embeddings"), launch.resolve("embedding-store"));

        Path outdir = launch.resolve("results");
        Path faults = Files.writeString(launch.resolve("faults.config"), MEMORY_FAULT);
        List<String> args = List.of("-profile", "test,slurm", "-c", NextflowRun.ROOT.resolve("test/slurm/cluster.config").toString(),
                "-c", faults.toString(), "--study", "similarity", "--train_splits", "none", "--embedding_store", store.toString(),
                "--outdir", outdir.toString());
        Path log = launch.resolve("run.out");
        Process run = NextflowRun.startRun(launch, log, slurmEnvironment, args.toArray(String[]::new));
        Path training = TaskDirs.awaitTrainingPastItsFirstCheckpoint(launch.resolve("work"),
                script -> script.contains("clipdg train") && script.contains("--out reference_clip"), run, log);
        String cancelled = jobOf(training);
        ScriptRun scancel = slurm("scancel", cancelled);
        assertEquals(0, scancel.exitCode, scancel.output);
        NextflowRun first = NextflowRun.awaitExit(run, log);
        assertEquals(0, first.exitCode, first.describe());

        List<Map<String, String>> trace = NextflowRun.newestTrace(outdir);
        Map<String, Map<String, String>> jobs = finishedJobs(trace.stream().map(task -> task.get("native_id")).toList());
        for (Map<String, String> task : trace) {
            Map<String, String> job = jobs.get(task.get("native_id"));
            assertTrue(job != null && job.get("WorkDir").equals(task.get("workdir")), "a SLURM job ran " + task + ": " + job);
            if (task.get("status").equals("COMPLETED")) {
                assertEquals(List.of("COMPLETED", "0:0"), List.of(job.get("JobState"), job.get("ExitCode")), task.toString());
            }
        }
        List<Map<String, String>> failed = trace.stream().filter(task -> !task.get("status").equals("COMPLETED")).toList();
        assertEquals(List.of("TRAIN_REFERENCE (reference_clip)", "EMBED_DATASETS:EMBED (photo_val)"), failed.stream().map(task -> task.get("name")).toList(),
                "the two faults, and no other: " + trace);

        Map<String, String> scancelled = failed.get(0);
        assertEquals(cancelled, scancelled.get("native_id"));
        assertEquals(List.of("FAILED", "143"), List.of(scancelled.get("status"), scancelled.get("exit")), "SIGTERM from scancel");
        assertEquals("CANCELLED", jobs.get(cancelled).get("JobState"));
        Map<String, String> memoryKilled = failed.get(1);
        assertEquals(List.of("FAILED", "-"), List.of(memoryKilled.get("status"), memoryKilled.get("exit")),
                "killed with its wrapper, so no exit status: " + memoryKilled);
        assertTrue(Files.readString(CLUSTER.resolve("log/slurmd.log")).contains("StepId=" + memoryKilled.get("native_id")
                + ".batch exceeded memory limit"), "SLURM killed job " + memoryKilled.get("native_id") + " for memory");
        for (Map<String, String> fault : failed) {
            assertEquals(1, trace.stream().filter(task -> task.get("name").equals(fault.get("name")) && task.get("status").equals("COMPLETED"))
                    .count(), fault.get("name") + " retried to completion");
        }
        Map<String, String> retrainedTask = trace.stream().filter(task -> task.get("process").equals("TRAIN_REFERENCE")
                && task.get("status").equals("COMPLETED")).findFirst().orElseThrow();
        String trainingLog = Files.readString(Path.of(retrainedTask.get("workdir")).resolve(".command.err"));
        Matcher resumed = RESUMED.matcher(trainingLog);
        assertTrue(resumed.find() && Integer.parseInt(resumed.group(1)) > 0, "went on from its checkpoint:\n" + trainingLog);

        for (Map<String, String> embedding : trace) {
            if (embedding.get("process").equals("EMBED_DATASETS:EMBED") && embedding.get("status").equals("COMPLETED")) {
                String embedLog = Files.readString(Path.of(embedding.get("workdir")).resolve(".command.err"));
                assertTrue(embedLog.contains("embeddings from the store"), "the local run's embeddings, under the same model card: " + embedLog);
            }
        }
        List<String> compared = SameOutputs.assertTwins(outdir, local.outdir(), COMPARED);
        assertTrue(compared.containsAll(List.of("pruning/splits/similarity_matched-combined.tsv", "models/reference_clip/weights.ndlist",
                "embeddings/photo_val/manifest.json")), compared.toString());
        List<String> metrics = Files.readAllLines(outdir.resolve(METRICS));
        Set<String> localMetrics = Set.copyOf(Files.readAllLines(local.outdir().resolve(METRICS)));
        assertTrue(metrics.size() > 50, metrics.toString());
        assertEquals(List.of(), metrics.stream().filter(row -> !localMetrics.contains(row)).toList(),
                "rows of " + METRICS + " that the local run does not have, value for value");

        Path resumeLog = launch.resolve("resume.out");
        List<String> resumeArgs = new ArrayList<>(args);
        resumeArgs.add("-resume");
        NextflowRun again = NextflowRun.awaitExit(NextflowRun.startRun(launch, resumeLog, slurmEnvironment,
                resumeArgs.toArray(String[]::new)), resumeLog);
        assertEquals(0, again.exitCode, again.describe());
        List<Map<String, String>> resumedTrace = NextflowRun.newestTrace(outdir);
        assertEquals(trace.size() - failed.size(), resumedTrace.size(), resumedTrace.toString());
        assertTrue(resumedTrace.stream().allMatch(task -> task.get("status").equals("CACHED")), "every task reused: " + resumedTrace);
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return to;
    }

    /** The SLURM job running in a task folder. */
    private static String jobOf(Path task) throws Exception {
        ScriptRun queue = slurm("squeue", "--noheader", "--format=%i %Z");
        for (String line : queue.output.strip().split("\n")) {
            String[] idAndDir = line.strip().split(" ", 2);
            if (idAndDir.length == 2 && Path.of(idAndDir[1]).equals(task)) {
                return idAndDir[0];
            }
        }
        throw new AssertionError("no SLURM job runs in " + task + ":\n" + queue.output);
    }

    /**
     * Finished jobs by id, from the controller's job completion log (JobId=.. JobState=.. ExitCode=..
     * WorkDir=..), once it has the given ones (or 10 s have passed): the controller writes a job's line
     * just after the job's script, which Nextflow may have seen finish first.
     */
    private static Map<String, Map<String, String>> finishedJobs(List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Map<String, Map<String, String>> jobs = new HashMap<>();
            for (String line : Files.readAllLines(CLUSTER.resolve("log/jobcomp.log"))) {
                Map<String, String> fields = new HashMap<>();
                Matcher field = JOB_FIELD.matcher(line);
                while (field.find()) {
                    fields.putIfAbsent(field.group(1), field.group(2));
                }
                jobs.put(fields.get("JobId"), fields);
            }
            if (jobs.keySet().containsAll(expected) || System.nanoTime() > deadline) {
                return jobs;
            }
            Thread.sleep(100);
        }
    }

    private record ScriptRun(int exitCode, String output) {
    }

    /** A script of test/slurm/ on this test's cluster, with ports of its own: a cluster someone started by hand may hold SLURM's. */
    private static ScriptRun script(String name) throws Exception {
        try (ServerSocket controller = new ServerSocket(0); ServerSocket node = new ServerSocket(0)) {
            controller.close();
            node.close();
            return command(Map.of("SLURMCTLD_PORT", String.valueOf(controller.getLocalPort()), "SLURMD_PORT",
                    String.valueOf(node.getLocalPort())), NextflowRun.ROOT.resolve("test/slurm").resolve(name).toString(),
                    CLUSTER.toString());
        }
    }

    private static ScriptRun slurm(String... command) throws Exception {
        return command(slurmEnvironment, command);
    }

    /** Output to a file, not a pipe: daemons started by the command must not hold our end open. */
    private static ScriptRun command(Map<String, String> environment, String... command) throws Exception {
        Path out = Files.createTempFile(CLUSTER, "command", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new ScriptRun(process.exitValue(), output);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
