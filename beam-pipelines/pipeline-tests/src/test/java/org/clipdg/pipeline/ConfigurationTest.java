package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters, their schema and the profiles, checked without running a task. */
class ConfigurationTest {
    @TempDir
    Path launch;

    private static Set<String> schemaParameters() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(NextflowRun.ROOT.resolve("nextflow_schema.json").toFile());
        Set<String> names = new TreeSet<>();
        schema.get("definitions").forEach(group -> group.get("properties").fieldNames().forEachRemaining(names::add));
        return names;
    }

    @Test
    void theSchemaDescribesExactlyTheConfiguredParameters() throws Exception {
        NextflowRun config = NextflowRun.nextflow(launch, "config", "-flat", NextflowRun.ROOT.toString());
        assertEquals(0, config.exitCode, config.output);
        Set<String> configured = new TreeSet<>();
        config.output.lines().filter(l -> l.startsWith("params.")).forEach(l -> configured.add(l.substring(7, l.indexOf(' '))));
        assertEquals(configured, schemaParameters());
    }

    @Test
    void everyInvalidParameterIsListedInOneMessageBeforeAnyTask() throws Exception {
        NextflowRun run = NextflowRun.run(launch, "-profile", "test", "--outdir", launch.resolve("results").toString(),
                "--trian_epochs", "3", "--seed", "abc", "--device", "tpu", "--domain_precision", "1.5",
                "--model_config", launch.resolve("missing.json").toString(), "--eval_bins", "deciles");
        assertNotEquals(0, run.exitCode, run.describe());
        for (String problem : List.of("Invalid input (6 problem(s))", "--trian_epochs: unknown parameter (did you mean --train_epochs?)",
                "--seed 'abc': expected an integer", "--device 'tpu': expected one of cpu, cuda, auto",
                "--domain_precision 1.5: must be <= 1", "--model_config '" + launch.resolve("missing.json") + "': no such file",
                "--eval_bins 'deciles': does not match")) {
            assertTrue(run.output.contains(problem), problem + " in:\n" + run.describe());
        }
        assertFalse(run.output.contains("Submitted process"), run.describe());
        try (Stream<Path> taskDirs = Files.exists(launch.resolve("work")) ? Files.list(launch.resolve("work")) : Stream.empty()) {
            assertEquals(0, taskDirs.count(), "no task directory");
        }
    }

    @Test
    void parametersThatDoNotFitTheDataStopTheRunBeforeAnyTask() throws Exception {
        for (String domain : List.of("photo", "art_painting", "fluent_flat")) {
            for (String image : List.of("dog/1.png", "dog/2.png", "star/1.png")) {
                Path file = launch.resolve("pacs").resolve(domain).resolve(image);
                Files.createDirectories(file.getParent());
                Files.write(file, org.clipdg.core.Fixtures.png(java.awt.Color.RED));
            }
        }
        Path sheet = Files.writeString(launch.resolve("pacs.csv"), """
                name,role,format,path,domain,group,classes
                pacs,pool,domainfolder,pacs,photo;art_painting,,
                labelled,labelled,domainfolder,pacs,,,
                flat,test,domainfolder,pacs,fluent_flat,,
                """);
        NextflowRun run = NextflowRun.run(launch, "--input", sheet.toString(), "--outdir", launch.resolve("results").toString(),
                "--prune_matched", "false", "--prune_sizes", "10,25%", "--mix_total", "7", "--mixture_domains", "",
                "--model_config", "tiny-cnn");
        assertNotEquals(0, run.exitCode, run.describe());
        for (String problem : List.of("Invalid input (5 problem(s))",
                "--mixture_domains true: needs a value (Nextflow reads an empty value as true): write 'none' for none",
                "line 3 ('labelled'): domain(s) [fluent_flat] have no domain label",
                "--prune_sizes 10: larger than the pool; the pool has 6 images (line 2 ('pacs'))",
                "--mix_total 7: larger than the pool",
                "--train_splits dm-sketch-*: no domain-mixture splits for 'sketch'; the pool's domains are photo, art_painting")) {
            assertTrue(run.output.contains(problem), problem + " in:\n" + run.describe());
        }
        assertFalse(run.output.contains("model_config"), "a model given by name is found: " + run.describe());
        assertFalse(run.output.contains("Submitted process"), run.describe());
        try (Stream<Path> taskDirs = Files.exists(launch.resolve("work")) ? Files.list(launch.resolve("work")) : Stream.empty()) {
            assertEquals(0, taskDirs.count(), "no task directory");
        }
    }

    @Test
    void helpPrintsEveryParameterAndRunsNothing() throws Exception {
        NextflowRun help = NextflowRun.run(launch, "--help", "--outdir", launch.resolve("results").toString());
        assertEquals(0, help.exitCode, help.describe());
        for (String name : schemaParameters()) {
            assertTrue(help.output.contains("  --" + name + " "), name + " in:\n" + help.output);
        }
        assertTrue(help.output.contains("expected one of") || help.output.contains("(cpu|cuda|auto)"), help.output);
        assertFalse(help.output.contains("Submitted process"), help.describe());
    }

    @Test
    void clusterGpuAndContainerProfilesGiveValidConfigurations() throws Exception {
        NextflowRun slurmGpu = NextflowRun.nextflow(launch, "config", "-flat", "-profile", "slurm,gpu", NextflowRun.ROOT.toString());
        assertEquals(0, slurmGpu.exitCode, slurmGpu.output);
        for (String line : List.of("process.executor = 'slurm'", "executor.queueSize = 100", "executor.submitRateLimit = '10 sec'",
                "params.device = 'cuda'", "process.'withLabel:process_gpu'.accelerator = 1",
                "process.'withLabel:process_gpu'.cpus = 4", "process.'withLabel:process_high'.cpus = 8")) {
            assertTrue(slurmGpu.output.lines().anyMatch(l -> l.equals(line)), line + " in:\n" + slurmGpu.output);
        }
        NextflowRun docker = NextflowRun.nextflow(launch, "config", "-flat", "-profile", "docker,gpu", NextflowRun.ROOT.toString());
        assertEquals(0, docker.exitCode, docker.output);
        for (String line : List.of("docker.enabled = true", "process.container = 'clipdg-cpu:0.1.0'",
                "process.'withLabel:process_gpu'.container = 'clipdg-gpu:0.1.0'")) {
            assertTrue(docker.output.lines().anyMatch(l -> l.equals(line)), line + " in:\n" + docker.output);
        }
        NextflowRun apptainerFlink = NextflowRun.nextflow(launch, "config", "-flat", "-profile", "apptainer,flink",
                NextflowRun.ROOT.toString());
        assertEquals(0, apptainerFlink.exitCode, apptainerFlink.output);
        for (String line : List.of("apptainer.enabled = true", "params.beam_runner = 'FlinkRunner'")) {
            assertTrue(apptainerFlink.output.lines().anyMatch(l -> l.equals(line)), line + " in:\n" + apptainerFlink.output);
        }
        try (Stream<Path> left = Files.list(launch)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().equals("work")), "config runs nothing");
        }
    }
}
