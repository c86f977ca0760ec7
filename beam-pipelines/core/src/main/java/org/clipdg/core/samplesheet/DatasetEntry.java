package org.clipdg.core.samplesheet;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.clipdg.core.DomainLabels;

/**
 * One validated samplesheet row. {@code inputs} are the absolute files or folders the dataset is
 * read from (expanded shard list, QuickDraw class files, the ImageFolder root, the generator spec);
 * {@code domainLabels} is the row's own domain=label mapping ("" for none).
 */
public record DatasetEntry(int line, String name, Role role, Format format, String path, List<Path> inputs,
        String domain, String group, List<String> classes, String domainLabels) {

    /** The built-in domain names, then a run's mapping, then this row's. */
    public DomainLabels labels(String runMapping) {
        return DomainLabels.withMapping(String.join(",", Stream.of(runMapping, domainLabels)
                .filter(m -> !m.isBlank() && !m.strip().equals("none")).toList()));
    }
}
