package org.clipdg.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.clipdg.core.samplesheet.DatasetEntry;
import org.clipdg.ingest.source.FolderTree;
import org.clipdg.ingest.synthetic.SyntheticSpec;

/**
 * What a samplesheet row will hold, known before ingestion, so that parameters can be checked
 * against the data before any task runs: its domains and how many images it has ({@code null}
 * where only reading every record would tell, as for WebDataset shards and QuickDraw files).
 */
public record DatasetPreview(List<String> domains, Long samples) {

    /**
     * @param syntheticScale the factor ingestion applies to a generator spec's size
     * @throws IOException naming what is missing (a domain or class folder, an unreadable spec)
     */
    public static DatasetPreview of(DatasetEntry entry, double syntheticScale) throws IOException {
        Path input = entry.inputs().get(0);
        List<String> ownDomain = entry.domain().isEmpty() ? List.of() : List.of(entry.domain());
        return switch (entry.format()) {
            case IMAGEFOLDER -> new DatasetPreview(ownDomain, FolderTree.imageFolder(input, entry.classes()).imageCount());
            case DOMAINFOLDER -> {
                FolderTree tree = FolderTree.domainFolder(input, domainSelection(entry.domain()), entry.classes());
                yield new DatasetPreview(tree.domains(), tree.imageCount());
            }
            case SYNTHETIC -> {
                SyntheticSpec spec = SyntheticSpec.read(input);
                List<String> domains = spec.domains().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(Map.Entry::getKey).sorted().toList();
                yield new DatasetPreview(domains, Math.max(1, Math.round(spec.size() * syntheticScale)));
            }
            case WEBDATASET, QUICKDRAW -> new DatasetPreview(ownDomain, null);
        };
    }

    /** The samplesheet's domain column of a domainfolder row: ';'-separated domain folders, empty for all. */
    public static List<String> domainSelection(String column) {
        return column.isBlank() ? List.of() : Arrays.stream(column.split(";")).map(String::strip).toList();
    }
}
