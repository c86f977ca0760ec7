package org.clipdg.core.beam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.clipdg.core.Hashing;

/**
 * What a job for a Flink cluster stages (docs/usage.md, "Running Beam steps on a Flink cluster"). A cluster
 * that bin/flink-cluster started runs from a clipdg jar and records its sha256 in its configuration; where
 * that is the jar this code runs from, the TaskManagers hold every class of the job already, and the job
 * stages an empty jar (Beam stages the whole class path when given none): no upload, and no class loading,
 * per job. Any other cluster gets the shaded jar itself, never its
 * lib/: ONNX Runtime and DJL come from the TaskManagers' own class path, where their JNI libraries are
 * loaded once per JVM, not once per job.
 */
final class FlinkStaging {
    /** The configuration key under which bin/flink-cluster records the sha256 of the jar the cluster runs. */
    static final String CLUSTER_JAR_SHA256 = "clipdg.jar.sha256";

    private FlinkStaging() {}

    /** Sets what the job stages, unless --filesToStage was given; returns what it chose, or null when it left Beam's choice. */
    static String choose(FlinkPipelineOptions options) throws IOException {
        if (options.getFilesToStage() != null) {
            return null;
        }
        Path jar = shadedJar();
        if (jar == null) {
            return null; // a build's class folders (tests): Beam stages the class path
        }
        String clusterJar = clusterJarSha256(options.getFlinkMaster());
        if (Hashing.sha256(jar).equals(clusterJar)) {
            options.setFilesToStage(List.of(emptyJar().toString()));
            return "the cluster runs this clipdg.jar: nothing to stage";
        }
        options.setFilesToStage(List.of(jar.toString()));
        return "staging " + jar + (clusterJar == null ? "" : " (the cluster runs another clipdg.jar)");
    }

    private static Path emptyJar() throws IOException {
        Path jar = Files.createTempFile("clipdg-no-classes-", ".jar");
        jar.toFile().deleteOnExit();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();
        return jar;
    }

    /** The sha256 the cluster's configuration records, or null where it records none or cannot be asked. */
    private static String clusterJarSha256(String master) {
        String base = master.startsWith("http://") || master.startsWith("https://") ? master : "http://" + master;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                    + "/jobmanager/config")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode entry : new ObjectMapper().readTree(response.body())) {
                if (entry.path("key").asText().equals(CLUSTER_JAR_SHA256)) {
                    return entry.path("value").asText();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // No answer: the job stages the jar, and its submission reports an unreachable master.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** The jar this code runs from if it is the shaded one, holding Beam's Flink runner too; else null. */
    private static Path shadedJar() {
        Path ours = codeSource(FlinkStaging.class);
        return ours != null && Files.isRegularFile(ours) && ours.equals(codeSource(FlinkRunner.class)) ? ours : null;
    }

    private static Path codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
