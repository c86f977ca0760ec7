package org.clipdg.train.checkpoint;

import java.util.List;

/**
 * What a finished epoch leaves behind besides the weights and optimiser moments: where training
 * stands and the metric rows so far, so a resumed run writes complete metric files.
 */
public record Checkpoint(int epochsDone, long step, float lastLoss, List<String> stepMetrics,
        List<String> epochMetrics) {}
