package org.clipdg.train;

import org.clipdg.train.model.ModelConfig;

/** Hyper-parameters of one training run; defaults in {@link TrainCommand} train the synthetic study well. */
public record TrainSettings(ModelConfig model, int epochs, int batchSize, float learningRate, float warmupFraction,
        float weightDecay, float maxGradNorm, long seed, int threads, int shuffleBuffer, int logEvery) {

    public TrainSettings {
        check(epochs >= 1, "epochs must be >= 1");
        check(batchSize >= 2, "batch size must be >= 2 (the contrastive loss needs negatives)");
        check(learningRate > 0, "learning rate must be > 0");
        check(warmupFraction >= 0 && warmupFraction < 1, "warm-up fraction must be in [0, 1)");
        check(weightDecay >= 0, "weight decay must be >= 0");
        check(threads >= 1, "threads must be >= 1");
        check(shuffleBuffer >= 1, "shuffle buffer must be >= 1");
        check(logEvery >= 1, "log interval must be >= 1");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
