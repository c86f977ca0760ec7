package org.clipdg.ingest;

/** A record that is skipped, counted under {@code reason} and listed in rejected.tsv with {@code detail}. */
public final class RejectedRecordException extends Exception {
    private final String reason;

    public RejectedRecordException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
