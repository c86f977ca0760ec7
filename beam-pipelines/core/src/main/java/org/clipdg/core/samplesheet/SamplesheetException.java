package org.clipdg.core.samplesheet;

import java.nio.file.Path;
import java.util.List;

/** Every problem found in a samplesheet, so the user can fix them all in one go. */
public final class SamplesheetException extends Exception {
    private final List<String> problems;

    public SamplesheetException(Path file, List<String> problems) {
        super("samplesheet " + file + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
