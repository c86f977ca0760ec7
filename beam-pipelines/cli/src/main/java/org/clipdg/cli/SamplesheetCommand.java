package org.clipdg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.samplesheet.DatasetEntry;
import org.clipdg.core.samplesheet.Format;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.core.samplesheet.Samplesheet;
import org.clipdg.ingest.DatasetPreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "samplesheet", mixinStandardHelpOptions = true,
        description = {"Validates a samplesheet (name,role,format,path,domain,group,classes) and prints its"
                + " datasets as JSON ({datasets, problems}) with absolute, expanded input paths, their domains and,"
                + " where known before ingestion, their number of images (null otherwise).",
                "Problems of the CSV itself are reported at once, by line number, with exit code 1; problems of the data"
                + " a row points to (missing domain or class folders, labelled domains without a label) are listed in"
                + " 'problems'."})
final class SamplesheetCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "The samplesheet CSV.")
    Path input;

    @Option(names = "--domain-labels", defaultValue = "", paramLabel = "MAP",
            description = "Labels of domain names beyond the built-in ones (domain=label,...), as ingestion uses them.")
    String domainLabels;

    @Option(names = "--synthetic-scale", defaultValue = "1.0",
            description = "The factor ingestion applies to generator specs' sizes (default: ${DEFAULT-VALUE}).")
    double syntheticScale;

    @Override
    public Integer call() throws Exception {
        Path sheet = input.toAbsolutePath().normalize();
        DomainLabels.withMapping(domainLabels);
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (DatasetEntry entry : Samplesheet.read(sheet)) {
            String where = "line " + entry.line() + " ('" + entry.name() + "')";
            DatasetPreview preview = new DatasetPreview(List.of(), null);
            try {
                preview = DatasetPreview.of(entry, syntheticScale);
                problems.addAll(unlabelledDomains(entry, preview, entry.labels(domainLabels)).stream().map(p -> where + ": " + p).toList());
            } catch (IOException e) {
                problems.add(where + ": " + e.getMessage());
            }
            datasets.add(toJson(entry, preview));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("datasets", datasets);
        json.put("problems", problems.stream().map(p -> "samplesheet " + sheet + ", " + p).toList());
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        return 0;
    }

    /** A labelled dataset teaches the domain classifier: each of its domains needs a label. */
    private static List<String> unlabelledDomains(DatasetEntry entry, DatasetPreview preview, DomainLabels labels) {
        if (entry.role() != Role.LABELLED) {
            return List.of();
        }
        if (preview.domains().isEmpty()) {
            return entry.format() == Format.WEBDATASET ? List.of()
                    : List.of("a labelled dataset needs domains: fill the 'domain' column (e.g. photo, sketch) or use the"
                            + " domainfolder format");
        }
        List<String> unmapped = preview.domains().stream().filter(d -> labels.label(d).isEmpty()).toList();
        return unmapped.isEmpty() ? List.of()
                : List.of("domain(s) " + unmapped + " have no domain label (natural, rendition or ambiguous); map them"
                        + " with --domain_labels or the row's domain_labels column, e.g. " + unmapped.get(0) + "=rendition");
    }

    private static Map<String, Object> toJson(DatasetEntry entry, DatasetPreview preview) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", entry.name());
        json.put("line", entry.line());
        json.put("role", entry.role().id());
        json.put("format", entry.format().id());
        json.put("path", entry.path());
        json.put("inputs", entry.inputs().stream().map(Path::toString).toList());
        json.put("domain", entry.domain());
        json.put("group", entry.group());
        json.put("classes", entry.classes());
        json.put("domain_labels", entry.domainLabels());
        json.put("domains", preview.domains());
        json.put("samples", preview.samples());
        return json;
    }
}
