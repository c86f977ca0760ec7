package org.clipdg.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.clipdg.core.AvroJson;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.WebDatasetReader;
import org.clipdg.core.samplesheet.Format;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;

/** Runs ingestion in tests and reads its outputs back through the public contracts. */
final class IngestTesting {
    private IngestTesting() {}

    static IngestSettings settings(String dataset, Role role, Format format, int threads) {
        return new IngestSettings(dataset, role, format, "", "", DomainLabels.BUILT_IN, 3, threads, 0, new TreeMap<>());
    }

    static IngestManifest ingest(SampleSource source, IngestSettings settings, Path out) throws Exception {
        try (source) {
            return new Ingestion(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .run(source, out);
        }
    }

    /** Reasons listed in rejected.tsv, in order. */
    static List<String> rejectedReasons(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(Ingestion.REJECTED));
        return lines.subList(1, lines.size()).stream().map(l -> l.split("\t")[2]).toList();
    }

    static List<SampleMetadata> metadata(Path out, IngestManifest manifest) throws IOException {
        List<SampleMetadata> records = new ArrayList<>();
        for (WebDatasetReader.Sample sample : samples(out, manifest)) {
            records.add(AvroJson.fromJson(sample.members().get("json"), SampleMetadata.class, sample.key()));
            if (!sample.members().keySet().equals(new java.util.TreeSet<>(List.of("json", "png", "txt")))) {
                throw new AssertionError("unexpected members " + sample.members().keySet());
            }
        }
        return records;
    }

    /** key -> caption of every sample written to {@code out}. */
    static java.util.Map<String, String> captions(Path out) throws IOException {
        java.util.Map<String, String> captions = new java.util.TreeMap<>();
        for (WebDatasetReader.Sample sample : samples(out, org.clipdg.core.IngestedDataset.open(out).manifest())) {
            captions.put(sample.key(), new String(sample.members().get("txt"), StandardCharsets.UTF_8));
        }
        return captions;
    }

    private static List<WebDatasetReader.Sample> samples(Path out, IngestManifest manifest) throws IOException {
        List<Path> shards = manifest.getShards().stream().map(s -> out.resolve(s.getName())).toList();
        List<WebDatasetReader.Sample> samples = new ArrayList<>();
        try (WebDatasetReader reader = new WebDatasetReader(shards)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof WebDatasetReader.Sample sample) {
                    samples.add(sample);
                }
            }
        }
        return samples;
    }
}
