package org.clipdg.train.data;

/**
 * Ingested data that fails at training time (undecodable image, missing member, shard checksum).
 * Ingestion validated every record, so this means the files changed or were damaged since.
 */
public final class TrainingDataException extends RuntimeException {
    public TrainingDataException(String message) {
        super(message);
    }
}
