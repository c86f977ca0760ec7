package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.clipdg.core.AvroJson;
import org.clipdg.schema.ModelCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training step as Nextflow runs it: a separate clipdg process, killed and started again. */
class TrainResumeTest {
    @TempDir
    static Path data;

    static Path pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void ingestASmallPool() throws Exception {
        pool = data.resolve("pool");
        ClipdgRun ingest = ClipdgRun.run(data.resolve("ingest.log"), "ingest", "--name", "pool", "--role", "pool",
                "--format", "synthetic", "--input", NextflowRun.ROOT.resolve("assets/synthetic/pool.json").toString(),
                "--classes", "circle;square;star;moon", "--scale", "0.04", "--out", pool.toString());
        assertEquals(0, ingest.exitCode, ingest.describe());
    }

    private List<String> train(String checkpoints, String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", pool.toString(), "--model-config",
                NextflowRun.ROOT.resolve("conf/models/tiny-vit.json").toString(), "--epochs", "3", "--batch-size", "16",
                "--seed", "7", "--threads", "2", "--shuffle-buffer", "64", "--checkpoint-root",
                dir.resolve(checkpoints).toString(), "--out", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void killedTrainingResumesFromItsLastCheckpointToTheSameWeights() throws Exception {
        ClipdgRun uninterrupted = ClipdgRun.run(dir.resolve("a.log"), train("ck-a", "a").toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode, uninterrupted.describe());

        Process killed = ClipdgRun.start(dir.resolve("b1.log"), train("ck-b", "b1").toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (firstCheckpoint(dir.resolve("ck-b")) == null && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(killed.isAlive(), "still training after its first checkpoint:\n" + Files.readString(dir.resolve("b1.log")));
        killed.destroyForcibly().waitFor();
        assertFalse(Files.exists(dir.resolve("b1/model_card.json")), "killed before it finished");

        ClipdgRun resumed = ClipdgRun.run(dir.resolve("b2.log"), train("ck-b", "b2").toArray(String[]::new));
        assertEquals(0, resumed.exitCode, resumed.describe());
        assertTrue(resumed.output.contains("resuming from") && resumed.output.contains("epoch 1 done"), resumed.describe());
        for (String file : List.of("weights.ndlist", "image.onnx", "text.onnx", "tokenizer.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)), Files.readAllBytes(dir.resolve("b2").resolve(file)),
                    file + " differs between the uninterrupted and the killed-and-resumed run");
        }
        assertEquals(Files.readAllLines(dir.resolve("a/metrics_epochs.tsv")).size(),
                Files.readAllLines(dir.resolve("b2/metrics_epochs.tsv")).size(), "metrics cover every epoch");
        ModelCard card = AvroJson.read(dir.resolve("b2/model_card.json"), ModelCard.class);
        assertEquals(3, card.getTraining().getEpochs());
        assertEquals("all", card.getTraining().getSplitSha256());
    }

    private static Path firstCheckpoint(Path root) throws Exception {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> walk = Files.walk(root, 2)) {
            return walk.filter(p -> p.getFileName().toString().equals("epoch-0001")).findFirst().orElse(null);
        }
    }

    @Test
    void aSplitMatchingNoSampleIsAClearError() throws Exception {
        Path whitelist = Files.writeString(dir.resolve("split.tsv"), "pool\tno_such_key\n");
        ClipdgRun run = ClipdgRun.run(dir.resolve("empty.log"), train("ck", "out", "--whitelist", whitelist.toString())
                .toArray(String[]::new));
        assertEquals(1, run.exitCode, run.describe());
        assertTrue(run.output.contains("1 whitelist entry does match no sample"), run.describe());
        assertTrue(run.output.contains("the training split has 0 example(s)"), run.describe());
    }

    @Test
    void divergingLossStopsWithAClearErrorAndKeepsTheLastGoodCheckpoint() throws Exception {
        ClipdgRun run = ClipdgRun.run(dir.resolve("nan.log"), train("ck", "out", "--lr", "1e12", "--grad-clip", "0",
                "--warmup", "0").toArray(String[]::new));
        assertEquals(1, run.exitCode, run.describe());
        assertTrue(run.output.contains("loss became"), run.describe());
        assertFalse(Files.exists(dir.resolve("out/model_card.json")));
    }
}
