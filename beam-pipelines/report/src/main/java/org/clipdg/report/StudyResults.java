package org.clipdg.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.clipdg.core.AvroJson;
import org.clipdg.core.CompositionColumns;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.core.TsvTable;
import org.clipdg.core.metrics.MetricTable;
import org.clipdg.schema.DomainSplitsManifest;
import org.clipdg.schema.ModelCard;
import org.clipdg.schema.PruneManifest;
import org.clipdg.schema.SplitSummary;

/**
 * Everything the report shows, read from the steps' published files: the merged metrics table,
 * the pruning and domain splits, each dataset's domain composition, model cards and dataset
 * folders. Only the metrics are required; a study without a step simply has less to show.
 */
public record StudyResults(List<MetricRow> metrics, List<SplitSummary> splits, List<Map<String, String>> composition,
        OptionalDouble domainTargetPrecision, Map<String, ModelCard> models, Map<String, IngestedDataset> datasets) {

    /**
     * @param metrics the merged metrics.json
     * @param pruning the pruning step's folder (manifest.json), or null
     * @param domains the domain-splits step's folder (manifest.json, composition.tsv), or null
     * @param models model folders (model_card.json each)
     * @param datasets ingested dataset folders (manifest.json each)
     */
    public static StudyResults load(Path metrics, Path pruning, Path domains, List<Path> models, List<Path> datasets)
            throws IOException {
        List<SplitSummary> splits = new ArrayList<>();
        if (pruning != null) {
            splits.addAll(AvroJson.read(required(pruning.resolve("manifest.json"), "--pruning"), PruneManifest.class).getSplits());
        }
        List<Map<String, String>> composition = List.of();
        OptionalDouble target = OptionalDouble.empty();
        if (domains != null) {
            DomainSplitsManifest manifest = AvroJson.read(required(domains.resolve("manifest.json"), "--domains"),
                    DomainSplitsManifest.class);
            splits.addAll(manifest.getSplits());
            composition = TsvTable.read(required(domains.resolve(CompositionColumns.FILE), "--domains"));
            if (manifest.getTargetPrecision() != null) {
                target = OptionalDouble.of(manifest.getTargetPrecision());
            }
        }
        Map<String, ModelCard> cards = new LinkedHashMap<>();
        for (Path model : sortedByName(models)) {
            cards.put(model.getFileName().toString(), AvroJson.read(required(model.resolve("model_card.json"), "--models"),
                    ModelCard.class));
        }
        Map<String, IngestedDataset> ingested = new LinkedHashMap<>();
        for (Path dir : sortedByName(datasets)) {
            IngestedDataset dataset = IngestedDataset.open(dir);
            ingested.put(dataset.name(), dataset);
        }
        return new StudyResults(MetricTable.read(metrics), List.copyOf(splits), composition, target, cards, ingested);
    }

    /** Each test set's domain and domain label, from its ingest manifest. */
    public Map<String, TestSetDomain> testSetDomains() {
        Map<String, TestSetDomain> domains = new LinkedHashMap<>();
        datasets.forEach((name, dataset) -> {
            if (dataset.manifest().getRole().equals("test")) {
                domains.put(name, TestSetDomain.of(dataset.manifest()));
            }
        });
        return domains;
    }

    private static Path required(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(option + ": " + file + " does not exist (is the folder a step's output?)");
        }
        return file;
    }

    private static List<Path> sortedByName(List<Path> paths) {
        return paths.stream().sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
}
