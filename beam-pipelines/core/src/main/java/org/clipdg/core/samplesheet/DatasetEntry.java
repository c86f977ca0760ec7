package org.clipdg.core.samplesheet;

import java.nio.file.Path;
import java.util.List;

/**
 * One validated samplesheet row. {@code inputs} are the absolute files or folders the dataset is
 * read from (expanded shard list, QuickDraw class files, the ImageFolder root, the generator spec).
 */
public record DatasetEntry(int line, String name, Role role, Format format, String path, List<Path> inputs,
        String domain, String group, List<String> classes) {}
