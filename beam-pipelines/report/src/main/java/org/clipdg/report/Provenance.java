package org.clipdg.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.clipdg.core.AtomicFiles;

/**
 * How the run was made, as the report step knows it: parameters, software versions and every input
 * file with its sha256. The page shows it; {@code provenance.json} carries it to the RO-Crate.
 */
public record Provenance(JsonNode parameters, Map<String, String> software, List<Input> inputs) {
    public static final String FILE = "provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One input file of a dataset, as ingestion read it. */
    public record Input(String dataset, String role, String path, long bytes, String sha256) {}

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> out.write(JSON.writeValueAsBytes(this)));
    }

    public static Provenance read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Provenance.class);
    }
}
