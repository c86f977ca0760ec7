package org.clipdg.ingest;

import java.util.SortedMap;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.samplesheet.Format;
import org.clipdg.core.samplesheet.Role;

/**
 * How one dataset is ingested. {@code domain} and {@code group} are the samplesheet's defaults for
 * records that do not carry their own; {@code labels} maps domains to domain labels; {@code recorded}
 * are the options written to the manifest.
 */
public record IngestSettings(String dataset, Role role, Format format, String domain, String group,
        DomainLabels labels, int samplesPerShard, int threads, int maxImageSide, SortedMap<String, String> recorded) {

    public IngestSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (samplesPerShard < 1) {
            throw new IllegalArgumentException("samples per shard must be >= 1, got " + samplesPerShard);
        }
    }
}
