package org.clipdg.ingest;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.WebDatasetWriter;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.InputFile;
import org.clipdg.schema.SampleMetadata;
import org.clipdg.schema.ShardInfo;

/**
 * Turns a source's records into normalised WebDataset shards ({@code <dataset>-NNNNNN.tar} with
 * {@code key.png}, {@code key.txt}, {@code key.json}), plus {@code rejected.tsv},
 * {@code contact_sheet.png} and, written last, {@code manifest.json}. Records are built on
 * {@code threads} workers but written in source order, so the output does not depend on threads.
 */
public final class Ingestion {
    public static final String REJECTED = "rejected.tsv";
    public static final String CONTACT_SHEET = "contact_sheet.png";
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final IngestSettings settings;
    private final PrintStream progress;

    public Ingestion(IngestSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Outcome of building one record: either the sample's members or why it was rejected. */
    private record Built(Candidate candidate, SortedMap<String, byte[]> members, SampleMetadata metadata,
            BufferedImage image, String reason, String detail) {}

    public IngestManifest run(SampleSource source, Path outDir) throws IOException, IngestException {
        prepare(outDir);
        Tally tally = new Tally();
        ContactSheet sheet = new ContactSheet();
        Set<String> keys = new HashSet<>();
        Path rejectedPartial = AtomicFiles.partialOf(outDir.resolve(REJECTED));
        long started = System.nanoTime();
        long lastReport = started;
        List<ShardInfo> shards;
        ForkJoinPool workers = new ForkJoinPool(settings.threads());
        try (WebDatasetWriter writer = new WebDatasetWriter(outDir, settings.dataset(), settings.samplesPerShard());
                BufferedWriter rejected = Files.newBufferedWriter(rejectedPartial, StandardCharsets.UTF_8)) {
            rejected.write("key\torigin\treason\tdetail\n");
            Set<String> classMask = Set.copyOf(source.classes());
            Iterator<Candidate> candidates = source.candidates();
            int batchSize = settings.threads() * 32;
            while (candidates.hasNext()) {
                List<Candidate> batch = new ArrayList<>(batchSize);
                while (candidates.hasNext() && batch.size() < batchSize) {
                    batch.add(candidates.next());
                }
                for (Built built : buildAll(workers, batch, classMask)) {
                    if (built.reason == null && !keys.add(built.candidate.key())) {
                        built = rejection(built.candidate, "duplicate_key", "key already used by an earlier record");
                    }
                    if (built.reason != null) {
                        tally.reject(built.reason);
                        rejected.write(tsv(built.candidate.key(), built.candidate.origin(), built.reason, built.detail));
                        continue;
                    }
                    writer.write(built.candidate.key(), built.members);
                    tally.accept(built.metadata);
                    sheet.offer(contactRow(built.metadata), built.image);
                }
                if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                    lastReport = System.nanoTime();
                    report(tally, started, false);
                }
            }
            shards = writer.finish();
        } catch (java.io.UncheckedIOException e) {
            Files.deleteIfExists(rejectedPartial);
            throw new IngestException(settings.dataset() + ": " + e.getMessage());
        } catch (IngestException | RuntimeException e) {
            Files.deleteIfExists(rejectedPartial);
            throw e;
        } finally {
            workers.shutdownNow();
        }
        AtomicFiles.commit(rejectedPartial, outDir.resolve(REJECTED));
        report(tally, started, true);
        if (settings.role().trains() && tally.classSorted()) {
            progress.printf("[ingest %s] warning: the records come sorted by class (%,d runs of one class for %d classes);"
                    + " training reads them through a shuffle buffer (--train_shuffle_buffer), so make it hold several classes'"
                    + " worth of samples, or shuffle the shards%n", settings.dataset(), tally.classRuns, tally.byClass.size());
        }
        if (tally.accepted == 0) {
            throw new IngestException("dataset '" + settings.dataset() + "' has no valid samples (" + tally.rejected
                    + " rejected, see " + outDir.resolve(REJECTED) + ")");
        }
        AtomicFiles.write(outDir.resolve(CONTACT_SHEET), out -> out.write(sheet.renderPng(
                settings.dataset() + " (" + settings.role().id() + ", " + tally.accepted + " samples)")));
        IngestManifest manifest = manifest(source, tally, shards);
        AvroJson.write(IngestedDataset.manifestFile(outDir), manifest);
        return manifest;
    }

    private void prepare(Path outDir) throws IOException, IngestException {
        Files.createDirectories(outDir);
        try (var entries = Files.list(outDir)) {
            if (entries.findAny().isPresent()) {
                throw new IngestException("output folder " + outDir + " is not empty; ingest writes into an empty folder");
            }
        }
    }

    private List<Built> buildAll(ForkJoinPool workers, List<Candidate> batch, Set<String> classMask)
            throws IngestException {
        try {
            return workers.submit(() -> batch.parallelStream().map(c -> build(c, classMask)).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw io;
            }
            throw new IngestException(settings.dataset() + ": unexpected failure while building records: " + e.getCause());
        }
    }

    private Built build(Candidate candidate, Set<String> classMask) {
        try {
            IngestedSample sample = candidate.builder().build();
            BufferedImage image = ImageCodec.limitSize(sample.image(), settings.maxImageSide());
            SampleMetadata metadata = metadata(candidate, sample.facts(), image);
            checkRole(metadata);
            if (!classMask.isEmpty() && !metadata.getClassName().isEmpty()
                    && !classMask.contains(metadata.getClassName())) {
                throw new RejectedRecordException("class_not_listed",
                        "class '" + metadata.getClassName() + "' is not in the samplesheet's classes");
            }
            SortedMap<String, byte[]> members = new TreeMap<>();
            members.put(IngestedDataset.IMAGE_MEMBER, ImageCodec.encodePng(image));
            members.put("txt", sample.caption().getBytes(StandardCharsets.UTF_8));
            members.put("json", AvroJson.toJson(metadata, false));
            return new Built(candidate, members, metadata, image, null, null);
        } catch (RejectedRecordException e) {
            return rejection(candidate, e.reason(), e.getMessage());
        }
    }

    private static Built rejection(Candidate candidate, String reason, String detail) {
        return new Built(candidate, null, null, null, reason, detail);
    }

    private SampleMetadata metadata(Candidate candidate, RecordFacts facts, BufferedImage image) {
        String domain = facts.domain().isEmpty() ? settings.domain() : facts.domain();
        String label = facts.domainLabel().isEmpty() ? settings.labels().label(domain) : facts.domainLabel();
        return SampleMetadata.newBuilder()
                .setKey(candidate.key())
                .setDataset(settings.dataset())
                .setClassName(facts.className())
                .setDomain(domain)
                .setDomainLabel(label)
                .setBackground(facts.background())
                .setGroup(facts.group().isEmpty() ? settings.group() : facts.group())
                .setSource(candidate.origin())
                .setWidth(image.getWidth())
                .setHeight(image.getHeight())
                .setFactors(new TreeMap<>(facts.factors()))
                .build();
    }

    /** Test sets are scored per class and the domain classifier learns from labels: without them a record is useless. */
    private void checkRole(SampleMetadata metadata) throws RejectedRecordException {
        if (settings.role() == Role.TEST && metadata.getClassName().isEmpty()) {
            throw new RejectedRecordException("missing_class", "test records need a class");
        }
        if (settings.role() == Role.LABELLED && metadata.getDomainLabel().isEmpty()) {
            throw new RejectedRecordException("missing_domain_label",
                    "labelled records need a domain label (natural, rendition or ambiguous)");
        }
    }

    private static String contactRow(SampleMetadata metadata) {
        if (!metadata.getClassName().isEmpty()) {
            return metadata.getClassName();
        }
        return metadata.getDomain().isEmpty() ? "samples" : metadata.getDomain();
    }

    private static String tsv(String... fields) {
        List<String> clean = new ArrayList<>();
        for (String field : fields) {
            clean.add(field == null ? "" : field.replaceAll("[\\t\\r\\n]+", " "));
        }
        return String.join("\t", clean) + "\n";
    }

    private void report(Tally tally, long started, boolean last) {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        progress.printf("[ingest %s] %s%,d samples, %,d rejected, %.0f samples/s, %.1f s%n", settings.dataset(),
                last ? "done: " : "", tally.accepted, tally.rejected, (tally.accepted + tally.rejected) / seconds,
                seconds);
    }

    private IngestManifest manifest(SampleSource source, Tally tally, List<ShardInfo> shards) {
        List<InputFile> inputs = new ArrayList<>(source.inputsRead());
        inputs.sort(Comparator.comparing(InputFile::getPath));
        return IngestManifest.newBuilder()
                .setDataset(settings.dataset())
                .setRole(settings.role().id())
                .setFormat(settings.format().id())
                .setDomain(settings.domain())
                .setGroup(settings.group())
                .setClasses(source.classes())
                .setInputs(inputs)
                .setSettings(new TreeMap<>(settings.recorded()))
                .setNumSamples(tally.accepted)
                .setNumRejected(tally.rejected)
                .setCountsByClass(tally.byClass)
                .setCountsByDomain(tally.byDomain)
                .setCountsByDomainLabel(tally.byDomainLabel)
                .setCountsByGroup(tally.byGroup)
                .setRejectedByReason(tally.byReason)
                .setShards(shards)
                .setToolVersion(ClipdgVersion.get())
                .build();
    }

    /** Counts kept in sorted maps so the manifest is byte-identical across runs. */
    private static final class Tally {
        long accepted;
        long rejected;
        final SortedMap<String, Long> byClass = new TreeMap<>();
        final SortedMap<String, Long> byDomain = new TreeMap<>();
        final SortedMap<String, Long> byDomainLabel = new TreeMap<>();
        final SortedMap<String, Long> byGroup = new TreeMap<>();
        final SortedMap<String, Long> byReason = new TreeMap<>();
        long classRuns;
        String lastClass = "";

        void accept(SampleMetadata metadata) {
            accepted++;
            if (!metadata.getClassName().equals(lastClass)) {
                classRuns++;
                lastClass = metadata.getClassName();
            }
            count(byClass, metadata.getClassName());
            count(byDomain, metadata.getDomain());
            count(byDomainLabel, metadata.getDomainLabel());
            count(byGroup, metadata.getGroup());
        }

        /** Runs of one class as long as a class-sorted source gives: a few per class, with many samples per class. */
        boolean classSorted() {
            int classes = byClass.size();
            return classes > 1 && classRuns <= 2L * classes && accepted >= 20L * classes;
        }

        void reject(String reason) {
            rejected++;
            count(byReason, reason);
        }

        private static void count(Map<String, Long> counts, String value) {
            if (!value.isEmpty()) {
                counts.merge(value, 1L, Long::sum);
            }
        }
    }
}
