package org.clipdg.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.Hashing;

/**
 * A Workflow Run RO-Crate (RO-Crate 1.1, Workflow Run Crate profile) describing one run: the
 * outputs folder is the crate; the workflow, its parameters, the inputs and every output file with
 * its sha256 and size, and the software that made them, are its entities.
 */
public final class RoCrate {
    public static final String METADATA = "ro-crate-metadata.json";
    private static final String WORKFLOW_RUN = "https://w3id.org/ro/wfrun/workflow/0.5";
    private static final String PROCESS_RUN = "https://w3id.org/ro/wfrun/process/0.5";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The run: its workflow script, when it started and ended, and whether it succeeded. */
    public record Run(Path workflow, String started, String completed, String name) {}

    private RoCrate() {}

    /** Writes {@code root/ro-crate-metadata.json} (by rename) for the files now under {@code root}. */
    public static void write(Path root, Run run, Provenance provenance) throws IOException {
        ObjectNode crate = JSON.createObjectNode();
        crate.put("@context", "https://w3id.org/ro/crate/1.1/context");
        ArrayNode graph = crate.putArray("@graph");
        ObjectNode descriptor = graph.addObject().put("@id", METADATA).put("@type", "CreativeWork");
        descriptor.putObject("conformsTo").put("@id", "https://w3id.org/ro/crate/1.1");
        descriptor.putObject("about").put("@id", "./");

        String workflowId = run.workflow().toUri().toString();
        ObjectNode dataset = graph.addObject().put("@id", "./").put("@type", "Dataset").put("name", run.name())
                .put("description", "Outputs of one clipdg run: datasets, embeddings, similarity, splits, models, metrics,"
                        + " figures and report.").put("datePublished", run.completed());
        ArrayNode conformsTo = dataset.putArray("conformsTo");
        conformsTo.addObject().put("@id", PROCESS_RUN);
        conformsTo.addObject().put("@id", WORKFLOW_RUN);
        dataset.putObject("mainEntity").put("@id", workflowId);
        dataset.putArray("mentions").addObject().put("@id", "#run");
        ArrayNode parts = dataset.putArray("hasPart");

        ObjectNode workflow = graph.addObject().put("@id", workflowId).put("name", "clipdg (" + run.workflow().getFileName() + ")")
                .put("sha256", Files.isRegularFile(run.workflow()) ? Hashing.sha256(run.workflow()) : "");
        workflow.putArray("@type").add("File").add("SoftwareSourceCode").add("ComputationalWorkflow");
        workflow.putObject("programmingLanguage").put("@id", "#nextflow");
        ArrayNode formal = workflow.putArray("input");
        graph.addObject().put("@id", "#nextflow").put("@type", "ComputerLanguage").put("name", "Nextflow")
                .put("version", provenance.software().getOrDefault("nextflow", ""));

        ObjectNode action = graph.addObject().put("@id", "#run").put("@type", "CreateAction").put("name", run.name())
                .put("startTime", run.started()).put("endTime", run.completed());
        action.putObject("instrument").put("@id", workflowId);
        ArrayNode objects = action.putArray("object");
        ArrayNode results = action.putArray("result");

        provenance.parameters().fields().forEachRemaining(parameter -> {
            String formalId = "#param-" + parameter.getKey();
            formal.addObject().put("@id", formalId);
            graph.addObject().put("@id", formalId).put("@type", "FormalParameter").put("name", parameter.getKey())
                    .put("additionalType", "Text");
            ObjectNode value = graph.addObject().put("@id", "#value-" + parameter.getKey()).put("@type", "PropertyValue")
                    .put("name", parameter.getKey()).put("value", parameter.getValue().isTextual()
                            ? parameter.getValue().asText() : parameter.getValue().toString());
            value.putObject("exampleOfWork").put("@id", formalId);
            objects.addObject().put("@id", "#value-" + parameter.getKey());
        });
        for (Provenance.Input input : provenance.inputs()) {
            String id = "#input-" + input.dataset() + "/" + input.path();
            objects.addObject().put("@id", id);
            graph.addObject().put("@id", id).put("@type", "File").put("name", input.path())
                    .put("description", "input of dataset " + input.dataset() + " (" + input.role() + ")")
                    .put("contentSize", input.bytes()).put("sha256", input.sha256());
        }
        for (Map.Entry<String, String> software : provenance.software().entrySet()) {
            graph.addObject().put("@id", "#software-" + software.getKey()).put("@type", "SoftwareApplication")
                    .put("name", software.getKey()).put("version", software.getValue());
        }
        for (Path file : outputs(root)) {
            String id = root.relativize(file).toString().replace('\\', '/');
            parts.addObject().put("@id", id);
            results.addObject().put("@id", id);
            graph.addObject().put("@id", id).put("@type", "File").put("contentSize", Files.size(file))
                    .put("sha256", Hashing.sha256(file));
        }
        AtomicFiles.write(root.resolve(METADATA), out -> out.write(JSON.writeValueAsBytes(crate)));
    }

    private static List<Path> outputs(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(METADATA))
                    .filter(f -> !f.getFileName().toString().endsWith(AtomicFiles.PARTIAL_SUFFIX)).sorted().toList();
        }
    }
}
