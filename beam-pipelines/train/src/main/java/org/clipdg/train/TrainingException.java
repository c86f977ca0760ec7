package org.clipdg.train;

/** Training cannot go on (empty split, diverged loss, unusable checkpoint); the message says why and what to do. */
public final class TrainingException extends Exception {
    public TrainingException(String message) {
        super(message);
    }
}
