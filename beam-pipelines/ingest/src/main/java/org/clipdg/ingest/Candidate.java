package org.clipdg.ingest;

/**
 * One record of an input in source order. Reading the input is sequential and cheap; {@link #builder}
 * does the expensive part (decoding, rendering) and runs on worker threads.
 */
public record Candidate(String key, String origin, Builder builder) {

    @FunctionalInterface
    public interface Builder {
        IngestedSample build() throws RejectedRecordException;
    }

    /** A record already known to be bad (damaged archive, missing member). */
    public static Candidate rejected(String key, String origin, String reason, String detail) {
        return new Candidate(key, origin, () -> {
            throw new RejectedRecordException(reason, detail);
        });
    }
}
