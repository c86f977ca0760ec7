package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.clipdg.core.AtomicFiles;
import org.junit.jupiter.api.Test;

/**
 * The podman profile for real (docs/usage.md, 'Running in containers'): containers/build.sh builds the
 * CPU image, or reuses it when its recipe and the jar are unchanged, and the test profile's similarity
 * study without split training or evaluation (every dataset ingested and embedded, the reference CLIP
 * trained, similarity, pruning) runs with {@code -profile test,podman}. Each task records, from inside,
 * the recipe its image was built from; the outputs are byte for byte those of the local run
 * ({@link TestProfileRun}) whenever both ran the same Java.
 */
class ContainerRunTest {
    private static final Path MARKER = Path.of("/opt/clipdg/IMAGE");
    /** Sourced by every bash of a task (BASH_ENV): copies the image's marker into the task folder. */
    private static final String RECORDER = """
            if [ -f %s ] && [ -n "${NXF_TASK_WORKDIR:-}" ]; then cp %s "$NXF_TASK_WORKDIR/.clipdg-image"; fi
            """.formatted(MARKER, MARKER);
    private static final Set<String> STEPS = Set.of("INGEST", "TRAIN_REFERENCE", "EMBED_DATASETS:EMBED",
            "EMBED_DATASETS:EMBED_SHARD_GROUP", "EMBED_DATASETS:EMBED_MERGE", "SIMILARITY:SIMILARITY_THRESHOLDS",
            "SIMILARITY:SIMILARITY_CHUNK", "SIMILARITY:SIMILARITY_MERGE", "PRUNE");

    private record ContainerRun(String recipe, Path outdir, NextflowRun result) {
    }

    private static ContainerRun containerRun;

    /** The image built (or reused) and the study run in it, once per test JVM. */
    private static synchronized ContainerRun containerRun() throws IOException, InterruptedException {
        assumeTrue(onPath("podman"), "no podman (make setup installs podman, runc and debootstrap as root)");
        if (containerRun == null) {
            Path launch = Path.of("target", "container-run").toAbsolutePath();
            AtomicFiles.deleteRecursively(launch);
            Files.createDirectories(launch);
            String recipe = buildImage(launch.resolve("build.log"));
            Path recorder = Files.writeString(launch.resolve("record-image.sh"), RECORDER);
            Path config = Files.writeString(launch.resolve("record-image.config"), """
                    env.BASH_ENV = '%s'
                    process.containerOptions = '--volume %s:%s:ro'
                    """.formatted(recorder, recorder, recorder));
            Path outdir = launch.resolve("results");
            containerRun = new ContainerRun(recipe, outdir, NextflowRun.run(launch, "-profile", "test,podman", "-c", config.toString(),
                    "--study", "similarity", "--train_splits", "none", "--evaluate", "false", "--outdir", outdir.toString()));
        }
        return containerRun;
    }

    /** containers/build.sh: the recipe sha256 it prints. */
    private static String buildImage(Path log) throws IOException, InterruptedException {
        Process build = new ProcessBuilder(NextflowRun.ROOT.resolve("containers/build.sh").toString())
                .redirectError(log.toFile()).start();
        String recipe = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(build.waitFor(15, TimeUnit.MINUTES), "containers/build.sh did not finish in 15 minutes");
        assertEquals(0, build.exitValue(), Files.readString(log));
        assertTrue(recipe.matches("[0-9a-f]{64}"), "containers/build.sh prints the recipe's sha256: " + recipe);
        return recipe;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void everyTaskRunsInTheImageOfTheCurrentRecipe() throws Exception {
        ContainerRun run = containerRun();
        assertEquals(0, run.result().exitCode, run.result().describe());
        assertFalse(Files.exists(MARKER), "this machine has " + MARKER + ", so a task run here would look as if run in the image");
        List<Map<String, String>> trace = NextflowRun.newestTrace(run.outdir());
        assertEquals(STEPS, trace.stream().map(row -> row.get("process")).collect(Collectors.toCollection(TreeSet::new)));
        for (Map<String, String> task : trace) {
            Path recorded = Path.of(task.get("workdir")).resolve(".clipdg-image");
            assertTrue(Files.isRegularFile(recorded), task.get("name") + " did not run in the image");
            assertEquals(run.recipe(), Files.readString(recorded).strip(), task.get("name") + " ran in an image of another recipe");
        }
    }

    @Test
    void itsOutputsAreTheLocalRunsWithTheSameJava() throws Exception {
        ContainerRun run = containerRun();
        assertEquals(0, run.result().exitCode, run.result().describe());
        TestProfileRun local = TestProfileRun.clean();
        assertEquals(0, local.result().exitCode, local.result().describe());
        // The model card records the Java that trained it; another Java's rendering and card differ in a few bytes.
        String imageJava = trainingJava(run.outdir());
        String localJava = trainingJava(local.outdir());
        assumeTrue(imageJava.equals(localJava), "the image runs Java " + imageJava + ", this machine Java " + localJava
                + ": byte-identical outputs need the same Java (docs/usage.md, 'Running in containers')");

        List<String> outputs = SameOutputs.assertTwins(run.outdir(), local.outdir(), SameOutputs.DETERMINISTIC);
        assertTrue(outputs.containsAll(List.of("pruning/splits.tsv", "pruning/splits/similarity_matched-combined.tsv",
                "similarity/summary.tsv", "models/reference_clip/weights.ndlist", "models/reference_clip/model_card.json"))
                && outputs.size() > 30, outputs.toString());
    }

    private static String trainingJava(Path outdir) throws IOException {
        String java = new ObjectMapper().readTree(outdir.resolve("models/reference_clip/model_card.json").toFile())
                .at("/software/java").asText();
        assertFalse(java.isEmpty(), "the model card in " + outdir + " records its Java");
        return java;
    }
}
