package org.clipdg.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.clipdg.train.optim.AdamW;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClipModelTest {
    private static final int VOCAB = 30;

    private static NDArray ids(NDManager manager, int batch, int context) {
        long[] ids = new long[batch * context];
        for (int i = 0; i < batch; i++) {
            ids[i * context] = VOCAB - 2;
            ids[i * context + 1] = 2 + i % (VOCAB - 4);
            ids[i * context + 2] = VOCAB - 1;
        }
        return manager.create(ids, new Shape(batch, context));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-vit", "tiny-cnn"})
    void towersMapToTheJointSpaceAndReportOneActivationPerBlock(String name) throws Exception {
        ModelConfig config = ModelTesting.config(name);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(config, VOCAB);
            model.initialize(manager);
            NDArray images = manager.randomNormal(new Shape(3, 3, config.image().size(), config.image().size()));
            List<NDArray> activations = new ArrayList<>();
            NDArray image = model.encodeImage(images, false, activations);
            assertEquals(new Shape(3, config.embedDim()), image.getShape());
            int blocks = config.isVit() ? config.image().layers() : config.image().widths().size();
            assertEquals(blocks, activations.size());
            NDArray text = model.encodeText(ids(manager, 3, config.text().contextLength()), null);
            assertEquals(new Shape(3, config.embedDim()), text.getShape());
        }
    }

    @Test
    void textFeaturesComeFromTheEndOfTextTokenAndIgnoreLaterPadding() throws Exception {
        ModelConfig config = ModelTesting.config("tiny-vit");
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(config, VOCAB);
            model.initialize(manager);
            int context = config.text().contextLength();
            NDArray padded = ids(manager, 2, context);
            NDArray otherPadding = padded.duplicate();
            otherPadding.set(new ai.djl.ndarray.index.NDIndex(":, 5:"), 7);
            assertArrayEquals(model.encodeText(padded, null).toFloatArray(),
                    model.encodeText(otherPadding, null).toFloatArray(), 1e-6f, "causal mask: tokens after EOT do not matter");
        }
    }

    @Test
    void lossFallsWhenOverfittingOneBatchAndNothingLeaks() throws Exception {
        ModelConfig config = ModelTesting.config("tiny-vit");
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(config, VOCAB);
            model.initialize(manager);
            AdamW optimizer = new AdamW(AdamW.Settings.clipDefaults(0.1f, 1f), manager);
            int batch = 8;
            NDArray images = manager.randomNormal(new Shape(batch, 3, 64, 64));
            NDArray ids = ids(manager, batch, config.text().contextLength());
            float first = Float.NaN;
            float last = Float.NaN;
            int resourcesAfterFirstStep = -1;
            long started = System.nanoTime();
            for (int step = 0; step < 30; step++) {
                try (NDManager scope = model.weights().scope(manager);
                        GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    scope.tempAttachAll(images, ids);
                    NDArray loss = model.contrastiveLoss(images, ids);
                    collector.backward(loss);
                    last = loss.getFloat();
                }
                optimizer.step(model.weights(), 2e-3f);
                model.clampLogitScale();
                if (step == 0) {
                    first = last;
                    resourcesAfterFirstStep = manager.getManagedArrays().size();
                }
            }
            System.out.printf("tiny-vit batch %d: %.1f ms/step, loss %.3f -> %.3f%n", batch,
                    (System.nanoTime() - started) / 1e6 / 30, first, last);
            assertTrue(last < first * 0.5, "loss " + first + " -> " + last);
            assertEquals(resourcesAfterFirstStep, manager.getManagedArrays().size(), "no arrays pile up per step");
        }
    }

    /**
     * A garbage collection between the forward and the backward pass must not change the gradients: a
     * tensor that autograd keeps must not live in Java memory that the collector may free (DJL's
     * arithmetic with a Java number makes such a tensor and releases it straight after the call).
     */
    @ParameterizedTest
    @ValueSource(strings = {"tiny-vit", "tiny-cnn"})
    void gradientsDoNotChangeWhenMemoryIsCollectedBeforeTheBackwardPass(String name) throws Exception {
        ModelConfig config = ModelTesting.config(name);
        assertEquals(gradients(config, false), gradients(config, true));
    }

    /** Each trainable weight's sum of squared gradients after one backward pass of a fixed batch. */
    private static List<Float> gradients(ModelConfig config, boolean collectBeforeBackward) throws InterruptedException {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(config, VOCAB);
            model.initialize(manager);
            int batch = 4;
            int size = config.image().size();
            NDArray images = manager.randomNormal(new Shape(batch, 3, size, size));
            NDArray ids = ids(manager, batch, config.text().contextLength());
            try (NDManager scope = model.weights().scope(manager);
                    GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray loss = model.contrastiveLoss(images, ids);
                if (collectBeforeBackward) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(100); // the reference handler frees unreachable direct buffers after the collection
                    }
                }
                collector.backward(loss);
            }
            List<Float> sums = new ArrayList<>();
            model.weights().arrays().forEach((weight, array) -> {
                if (model.weights().isTrainable(weight)) {
                    sums.add(array.getGradient().square().sum().getFloat());
                }
            });
            return sums;
        }
    }

    @Test
    void badConfigsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelConfig("x", 1, 8,
                new ModelConfig.ImageConfig("vit", 64, 7, 16, 1, 2, 4, null, new float[3], new float[3]),
                new ModelConfig.TextConfig(16, 16, 1, 2, 4)).validate("cfg.json"));
        assertTrue(e.getMessage().contains("cfg.json") && e.getMessage().contains("patch_size"), e.getMessage());
    }
}
