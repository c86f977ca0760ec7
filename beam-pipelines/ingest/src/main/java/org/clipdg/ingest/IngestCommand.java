package org.clipdg.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.clipdg.core.BraceExpansion;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.samplesheet.Format;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.ingest.source.FolderSource;
import org.clipdg.ingest.source.FolderTree;
import org.clipdg.ingest.source.QuickDrawSource;
import org.clipdg.ingest.source.SyntheticSource;
import org.clipdg.ingest.source.WebDatasetSource;
import org.clipdg.schema.IngestManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Reads one dataset (WebDataset shards, an ImageFolder or domain-folder tree, QuickDraw"
                + " .ndjson.gz files or the synthetic generator) and writes normalised WebDataset shards <name>-NNNNNN.tar"
                + " ({key}.png, {key}.txt, {key}.json), rejected.tsv, contact_sheet.png and manifest.json"
                + " (written last) into an empty output folder.",
                "Bad records (corrupt image, damaged shard, missing caption, duplicate key, ...) are skipped,"
                + " counted in the manifest and listed in rejected.tsv."})
public final class IngestCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, description = "Dataset name (samplesheet 'name').")
    String name;

    @Option(names = "--role", required = true, description = "pool, reference, test or labelled.")
    Role role;

    @Option(names = "--format", required = true, description = "webdataset, imagefolder, domainfolder, quickdraw or synthetic.")
    Format format;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = {"webdataset: shard files or brace patterns (/d/{00000..00099}.tar);",
                    "imagefolder (<class>/<image>) and domainfolder (<domain>/<class>/<image>): the root folder; quickdraw: <class>.ndjson.gz files or their folder;",
                    "synthetic: the generator's JSON spec."})
    List<String> inputs;

    @Option(names = "--out", required = true, description = "Output folder (created; must be empty).")
    Path out;

    @Option(names = "--domain", defaultValue = "",
            description = "Domain of records that carry none (e.g. photo, sketch); with domainfolder, the ';'-separated"
                    + " domain folders to read (empty: all).")
    String domain;

    @Option(names = "--domain-labels", defaultValue = "", paramLabel = "MAP",
            description = "Labels of domain names beyond the built-in ones, comma-separated domain=label pairs with label"
                    + " natural, rendition or ambiguous (e.g. art_painting=rendition,real_world=natural).")
    String domainLabels;

    @Option(names = "--group", defaultValue = "", description = "Group of records that carry none (e.g. counter).")
    String group;

    @Option(names = "--classes", split = ";", paramLabel = "CLASS",
            description = "';'-separated class list: the test set's class mask; selects QuickDraw files, ImageFolder"
                    + " folders and generated classes; other classes are rejected as class_not_listed.")
    List<String> classes = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "1.0",
            description = "Multiplies the synthetic spec's size (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--shard-size", defaultValue = "1000", description = "Samples per output shard (default: ${DEFAULT-VALUE}).")
    int shardSize;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-image-side", defaultValue = "0",
            description = "Shrink images whose longer side exceeds this (0 keeps sizes; default: ${DEFAULT-VALUE}).")
    int maxImageSide;

    @Option(names = "--quickdraw-side", defaultValue = "64",
            description = "Side in pixels QuickDraw's 28x28 bitmaps are enlarged to (default: ${DEFAULT-VALUE}).")
    int quickdrawSide;

    @Override
    public Integer call() throws IOException, IngestException {
        TreeMap<String, String> recorded = new TreeMap<>();
        recorded.put("shard_size", Integer.toString(shardSize));
        recorded.put("max_image_side", Integer.toString(maxImageSide));
        if (format == Format.SYNTHETIC) {
            recorded.put("seed", Long.toString(seed));
            recorded.put("scale", Double.toString(scale));
        }
        if (format == Format.QUICKDRAW) {
            recorded.put("quickdraw_side", Integer.toString(quickdrawSide));
        }
        if (!domainLabels.isBlank()) {
            recorded.put("domain_labels", domainLabels);
        }
        DomainLabels labels = DomainLabels.withMapping(domainLabels);
        String defaultDomain = format == Format.DOMAINFOLDER ? "" : domain;
        if (format == Format.DOMAINFOLDER && !domain.isBlank()) {
            recorded.put("domains", domain);
        }
        IngestSettings settings = new IngestSettings(name, role, format, defaultDomain, group, labels, shardSize, threads,
                maxImageSide, recorded);
        try (SampleSource source = openSource(labels)) {
            IngestManifest manifest = new Ingestion(settings, System.err).run(source, out);
            System.err.printf("[ingest %s] wrote %d shard(s) to %s%n", name, manifest.getShards().size(), out);
        }
        return 0;
    }

    private SampleSource openSource(DomainLabels labels) throws IOException {
        List<Path> paths = inputs.stream().flatMap(p -> BraceExpansion.expand(p).stream()).map(Path::of).toList();
        return switch (format) {
            case WEBDATASET -> new WebDatasetSource(paths, classes);
            case IMAGEFOLDER -> new FolderSource(FolderTree.imageFolder(single(paths), classes), domain, labels);
            case DOMAINFOLDER -> new FolderSource(FolderTree.domainFolder(single(paths), DatasetPreview.domainSelection(domain), classes), "",
                    labels);
            case QUICKDRAW -> new QuickDrawSource(paths, classes, quickdrawSide);
            case SYNTHETIC -> new SyntheticSource(single(paths), name, classes, seed, scale);
        };
    }

    private Path single(List<Path> paths) {
        if (paths.size() != 1) {
            throw new IllegalArgumentException(format.id() + " takes exactly one --input, got " + paths.size());
        }
        return paths.get(0);
    }
}
