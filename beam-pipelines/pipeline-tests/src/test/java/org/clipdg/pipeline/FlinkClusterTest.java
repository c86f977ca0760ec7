package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.clipdg.core.AvroJson;
import org.clipdg.schema.DomainLabelManifest;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.IngestManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Beam steps on a standalone Flink 1.19 session cluster as docs/usage.md has a user start one:
 * {@code bin/flink-cluster start}, a JobManager and a TaskManager, each its own JVM, from the clipdg jar
 * and its lib/, with the flink-conf.yaml it writes. The steps are submitted as the flink profile's tasks
 * submit them, from a work folder of their own with relative paths: embedding the test profile's emoji
 * dataset (144 real images in 2 shards) with its reference CLIP, then labelling those embeddings with its
 * domain classifier. The embedding job stages nothing (the cluster runs the same clipdg.jar); the labelling
 * job stages clipdg.jar and ONNX Runtime's jar, as Beam's default, the whole class path, would. Both write
 * the DirectRunner's bytes; each step's summary counts the work the TaskManager did; the cluster ran both
 * jobs; and its TaskManager loaded ONNX Runtime's JNI library once: the configuration's parent-first pattern
 * keeps the second job's class loader from loading it again.
 */
class FlinkClusterTest {
    private static final Pattern EMBEDDED = Pattern.compile("(?m)^\\[embed emoji\\] done: ([\\d,]+) embedded, ([\\d,]+) rejected");
    private static final Pattern LABELLED = Pattern.compile("(?m)^\\[label-domains emoji\\] pipeline done: ([\\d,]+) labelled");

    @TempDir
    Path dir;

    @Test
    void embeddingAndDomainLabelsOnAClusterAreTheDirectRunnersAndCountedFromTheCluster() throws Exception {
        TestProfileRun profile = TestProfileRun.clean();
        assertEquals(0, profile.result().exitCode, profile.result().describe());
        Path results = profile.outdir();
        String[] embed = {"embed", "--dataset=input/emoji", "--model=model/reference_clip", "--output=emoji", "--cpus=2"};
        Map<String, Path> embedInputs = Map.of("input/emoji", results.resolve("datasets/emoji"), "model/reference_clip",
                results.resolve("models/reference_clip"));
        String[] label = {"label-domains", "--embeddings=input/emoji", "--classifier=classifier/classifier", "--output=emoji",
                "--cpus=2"};

        String directEmbed = step("direct-embed", embedInputs, embed);
        String directLabel = step("direct-label", labelInputs("direct-embed", results), label);
        FlinkCluster cluster = FlinkCluster.start(dir.resolve("cluster"));
        try (cluster) {
            List<String> flink = List.of("--runner=FlinkRunner", "--flinkMaster=" + cluster.restAddress());
            String flinkEmbed = step("flink-embed", embedInputs, with(embed, flink));
            Path jar = NextflowRun.ROOT.resolve("beam-pipelines/cli/target/clipdg.jar");
            String flinkLabel = step("flink-label", labelInputs("flink-embed", results), with(label, flink,
                    "--filesToStage=" + jar + "," + onnxRuntimeJar(jar.resolveSibling("lib"))));
            assertTrue(flinkEmbed.contains("[embed emoji] the cluster runs this clipdg.jar: nothing to stage"), flinkEmbed);

            assertSameFiles(dir.resolve("direct-embed/emoji"), dir.resolve("flink-embed/emoji"));
            assertSameFiles(dir.resolve("direct-label/emoji"), dir.resolve("flink-label/emoji"));

            EmbeddingManifest embeddings = AvroJson.read(dir.resolve("flink-embed/emoji/manifest.json"), EmbeddingManifest.class);
            IngestManifest dataset = AvroJson.read(results.resolve("datasets/emoji/manifest.json"), IngestManifest.class);
            assertEquals(dataset.getNumSamples(), embeddings.getNumEmbeddings() + embeddings.getNumRejected());
            DomainLabelManifest labels = AvroJson.read(dir.resolve("flink-label/emoji/manifest.json"), DomainLabelManifest.class);
            for (String log : List.of(directEmbed, flinkEmbed)) {
                Matcher done = find(EMBEDDED, log);
                assertEquals(List.of(embeddings.getNumEmbeddings(), embeddings.getNumRejected()),
                        List.of(count(done.group(1)), count(done.group(2))), log);
            }
            for (String log : List.of(directLabel, flinkLabel)) {
                assertEquals(labels.getNumLabels(), count(find(LABELLED, log).group(1)), log);
            }
            for (String log : List.of(flinkEmbed, flinkLabel)) {
                assertFalse(Pattern.compile("(?m)^\\[[^]]+\\] 0 / ").matcher(log).find(), "no count of this JVM's work: " + log);
            }
            String jobs = get("http://" + cluster.restAddress() + "/jobs/overview");
            assertEquals(2, Pattern.compile("\"state\":\"FINISHED\"").matcher(jobs).results().count(), jobs + cluster.logs());
            Set<String> onnxRuntime = mappedOnnxRuntimeLibraries(cluster.taskManagerPid());
            assertEquals(1, onnxRuntime.size(), "one ONNX Runtime library in the TaskManager for both jobs: " + onnxRuntime);
        }
        for (long pid : cluster.pids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped: " + pid);
        }
    }

    /** The label step's inputs: the embeddings of {@code embedStep} and the test profile's domain classifier. */
    private Map<String, Path> labelInputs(String embedStep, Path results) {
        return Map.of("input/emoji", dir.resolve(embedStep).resolve("emoji"), "classifier/classifier",
                results.resolve("domains/classifier"));
    }

    /** Runs a step as a Nextflow task does: in a work folder of its own, its inputs linked into it. Returns its log. */
    private String step(String name, Map<String, Path> inputs, String... args) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        for (Map.Entry<String, Path> input : inputs.entrySet()) {
            Path link = work.resolve(input.getKey());
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, input.getValue());
        }
        ClipdgRun run = ClipdgRun.run(work, dir.resolve(name + ".log"), args);
        assertEquals(0, run.exitCode, name + ": " + run.describe());
        return run.output;
    }

    private static String[] with(String[] args, List<String> more, String... evenMore) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(more);
        all.addAll(List.of(evenMore));
        return all.toArray(String[]::new);
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        Set<String> names = fileNames(expected);
        assertEquals(names, fileNames(actual), actual.toString());
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)), actual + "/" + name);
        }
    }

    private static Set<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Matcher find(Pattern pattern, String log) {
        Matcher matcher = pattern.matcher(log);
        assertTrue(matcher.find(), pattern + " in:\n" + log);
        return matcher;
    }

    private static long count(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static Path onnxRuntimeJar(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("onnxruntime")).findFirst()
                    .orElseThrow(() -> new AssertionError("no ONNX Runtime jar in " + lib));
        }
    }

    /** The ONNX Runtime libraries mapped into a process: one per copy that a class loader loaded. */
    private static Set<String> mappedOnnxRuntimeLibraries(long pid) throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc/" + pid + "/maps"))) {
            return maps.filter(line -> line.endsWith("/libonnxruntime.so")).map(line -> line.substring(line.indexOf('/')))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
