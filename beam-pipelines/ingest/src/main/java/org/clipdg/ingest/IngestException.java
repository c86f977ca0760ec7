package org.clipdg.ingest;

/** Ingestion cannot go on: unreadable input, no valid samples, unusable output folder. */
public final class IngestException extends Exception {
    public IngestException(String message) {
        super(message);
    }
}
