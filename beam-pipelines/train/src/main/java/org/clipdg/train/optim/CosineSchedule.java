package org.clipdg.train.optim;

/** Linear warm-up from 0 to the peak over {@code warmupSteps}, then cosine decay to 0 at {@code totalSteps}. */
public record CosineSchedule(float peak, long warmupSteps, long totalSteps) {

    public float at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return (float) (0.5 * peak * (1 + Math.cos(Math.PI * progress)));
    }
}
