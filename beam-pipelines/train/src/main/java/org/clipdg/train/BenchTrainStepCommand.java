package org.clipdg.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.clipdg.core.DjlSetup;
import org.clipdg.train.model.ClipModel;
import org.clipdg.train.model.ModelConfig;
import org.clipdg.train.optim.AdamW;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-train-step", mixinStandardHelpOptions = true,
        description = "Times training steps (forward, backward, AdamW) of a model config on random data; prints ms/step.")
public final class BenchTrainStepCommand implements Callable<Integer> {

    @Option(names = "--model-config", required = true, paramLabel = "FILE")
    Path modelConfig;

    @Option(names = "--batch-size", defaultValue = "64")
    int batchSize;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps, after --warmup-steps untimed ones.")
    int steps;

    @Option(names = "--warmup-steps", defaultValue = "3")
    int warmupSteps;

    @Option(names = "--vocab-size", defaultValue = "64")
    int vocabSize;

    @Option(names = "--threads", description = "PyTorch threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException {
        DjlSetup.configure(threads);
        ModelConfig config = ModelConfig.read(modelConfig);
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(config, vocabSize);
            model.initialize(manager);
            AdamW optimizer = new AdamW(AdamW.Settings.clipDefaults(0.1f, 1f), manager);
            int size = config.image().size();
            int context = config.text().contextLength();
            NDArray images = manager.randomNormal(new Shape(batchSize, 3, size, size));
            NDArray ids = manager.randomInteger(1, vocabSize - 1, new Shape(batchSize, context), ai.djl.ndarray.types.DataType.INT64);
            long started = 0;
            for (int step = 0; step < warmupSteps + steps; step++) {
                if (step == warmupSteps) {
                    started = System.nanoTime();
                }
                try (NDManager scope = model.weights().scope(manager);
                        GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    scope.tempAttachAll(images, ids);
                    collector.backward(model.contrastiveLoss(images, ids));
                }
                optimizer.step(model.weights(), 1e-4f);
                model.clampLogitScale();
            }
            double msPerStep = (System.nanoTime() - started) / 1e6 / steps;
            System.out.printf("%s batch %d threads %d: %.1f ms/step (%,d trainable weights)%n", config.name(), batchSize,
                    threads, msPerStep, model.weights().trainableCount());
        }
        return 0;
    }
}
