package org.clipdg.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.clipdg.core.Hashing;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.WebDatasetReader;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.core.split.Whitelist;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.ShardInfo;

/**
 * The training examples of ingested datasets, streamed from their shards in place: every shard of
 * every dataset in order, filtered by an optional whitelist, through a seeded shuffle buffer, then
 * decoded and preprocessed. The order of epoch {@code e} depends only on (seed, e) and the data, so a
 * run is reproducible while each epoch differs.
 *
 * <p>Memory: the shuffle buffer holds encoded samples (PNG bytes and caption), at most one batch is
 * decoded at a time. Integrity: a sample that cannot be used, or a shard whose checksum or sample
 * count differs from its manifest, stops the epoch with a {@link TrainingDataException}; a shard's
 * checksum is known once it has been read, so its earlier samples have already been handed out.
 */
public final class TrainingExamples {
    private record Shard(String dataset, Path path, ShardInfo info) {}

    private record Raw(Shard shard, String key, byte[] png, String caption) {}

    private record Coverage(int count, BitSet foundWhitelistEntries) {}

    private final Map<Path, Shard> shards = new LinkedHashMap<>();
    private final Whitelist whitelist;
    private final ImagePreprocessor preprocessor;
    private final int bufferSize;
    private final long seed;
    private final long manifestSamples;
    private Coverage coverage;

    public TrainingExamples(List<Path> datasetDirs, Optional<Whitelist> whitelist, ImagePreprocessor preprocessor,
            int bufferSize, long seed) throws IOException {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("shuffle buffer size must be >= 1, got " + bufferSize);
        }
        this.whitelist = whitelist.orElse(null);
        this.preprocessor = preprocessor;
        this.bufferSize = bufferSize;
        this.seed = seed;
        Set<String> names = new HashSet<>();
        long samples = 0;
        for (Path dir : datasetDirs) {
            IngestedDataset dataset = IngestedDataset.open(dir);
            IngestManifest manifest = dataset.manifest();
            Path manifestFile = IngestedDataset.manifestFile(dir);
            String name = dataset.name();
            if (!names.add(name)) {
                throw new IllegalArgumentException("dataset '" + name + "' given twice (again in " + dir + ")");
            }
            for (ShardInfo info : manifest.getShards()) {
                Path path = dir.resolve(info.getName());
                if (!Files.isRegularFile(path)) {
                    throw new IOException("dataset '" + name + "': shard " + path + " listed in " + manifestFile + " is missing");
                }
                shards.put(path, new Shard(name, path, info));
                samples += info.getNumSamples();
            }
        }
        this.manifestSamples = samples;
    }

    /** Examples per epoch (after whitelist filtering). The first call with a whitelist scans tar headers. */
    public int count() throws IOException {
        return coverage().count();
    }

    /** Whitelist entries matching no sample of these datasets; 0 without whitelist. */
    public int missingWhitelistCount() throws IOException {
        return whitelist == null ? 0 : whitelist.size() - coverage().foundWhitelistEntries().cardinality();
    }

    /** The first {@code limit} missing whitelist entries, in whitelist order, for reports. */
    public List<Whitelist.Entry> missingWhitelistSample(int limit) throws IOException {
        List<Whitelist.Entry> missing = new ArrayList<>();
        if (whitelist != null) {
            BitSet found = coverage().foundWhitelistEntries();
            for (int i = found.nextClearBit(0); i < whitelist.size() && missing.size() < limit; i = found.nextClearBit(i + 1)) {
                missing.add(whitelist.entries().get(i));
            }
        }
        return missing;
    }

    private synchronized Coverage coverage() throws IOException {
        if (coverage == null) {
            coverage = whitelist == null ? new Coverage(Math.toIntExact(manifestSamples), new BitSet()) : scanKeys();
        }
        return coverage;
    }

    /** Reads only tar headers (seeking past contents) to match sample keys against the whitelist. */
    private Coverage scanKeys() throws IOException {
        BitSet found = new BitSet(whitelist.size());
        int count = 0;
        for (Shard shard : shards.values()) {
            String previousKey = null;
            try (TarFile tar = new TarFile(shard.path())) {
                for (TarArchiveEntry entry : tar.getEntries()) {
                    String[] keyAndExtension = entry.isFile() ? WebDatasetReader.splitMemberName(entry.getName()) : null;
                    if (keyAndExtension == null || keyAndExtension[0].equals(previousKey)) {
                        continue;
                    }
                    previousKey = keyAndExtension[0];
                    int index = whitelist.indexOf(shard.dataset(), previousKey);
                    if (index >= 0) {
                        found.set(index);
                        count++;
                    }
                }
            } catch (IOException e) {
                throw new IOException("dataset '" + shard.dataset() + "': cannot read shard " + shard.path() + ": "
                        + e.getMessage(), e);
            }
        }
        return new Coverage(count, found);
    }

    /** Captions of the (whitelisted) examples in file order, images left undecoded: the tokenizer's corpus. */
    public Iterable<String> captions() {
        return () -> {
            ShardStream stream = new ShardStream();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return stream.hasNext();
                }

                @Override
                public String next() {
                    return stream.next().caption();
                }
            };
        };
    }

    /** Examples of one epoch, decoded on the calling thread. */
    public CloseableIterator<Example> epoch(int epoch) {
        ShardStream stream = new ShardStream();
        ShuffleBuffer<Raw> shuffled = new ShuffleBuffer<>(stream, bufferSize, random(epoch));
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return shuffled.hasNext();
            }

            @Override
            public Example next() {
                return decode(shuffled.next());
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    /**
     * The same examples in the same order as {@link #epoch}, in batches of {@code batchSize} (the last
     * one may be smaller) decoded by {@code threads} threads.
     */
    public CloseableIterator<List<Example>> epochBatches(int epoch, int batchSize, int threads) {
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batch size and threads must be >= 1, got " + batchSize + " and " + threads);
        }
        ShardStream stream = new ShardStream();
        return new Batches(stream, new ShuffleBuffer<>(stream, bufferSize, random(epoch)), batchSize, new ForkJoinPool(threads));
    }

    /** Epoch seed: the first 8 bytes of SHA-256(seed, epoch), so nearby (seed, epoch) pairs are unrelated. */
    private SplittableRandom random(int epoch) {
        byte[] input = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN).putLong(seed).putInt(epoch).array();
        byte[] digest = Hashing.sha256().digest(input);
        return new SplittableRandom(ByteBuffer.wrap(digest).getLong());
    }

    private Example decode(Raw raw) {
        try {
            return new Example(raw.shard().dataset(), raw.key(), preprocessor.toChw(ImageCodec.decodeRgb(raw.png())),
                    raw.caption());
        } catch (ImageCodec.CorruptImageException e) {
            throw integrityError(raw.shard(), raw.key(), "cannot decode png: " + e.getMessage());
        }
    }

    private static TrainingDataException integrityError(Shard shard, String key, String problem) {
        return new TrainingDataException("dataset '" + shard.dataset() + "', shard " + shard.path() + ", key '" + key
                + "': " + problem + " (ingestion validated it: the file was changed or damaged since)");
    }

    /** Whitelisted samples of every shard in order, with their PNG and caption still encoded. */
    private final class ShardStream implements Iterator<Raw>, AutoCloseable {
        private final WebDatasetReader reader = new WebDatasetReader(new ArrayList<>(shards.keySet()));
        private long samplesInShard;
        private Raw next;

        @Override
        public boolean hasNext() {
            while (next == null && reader.hasNext()) {
                accept(reader.next());
            }
            return next != null;
        }

        @Override
        public Raw next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Raw raw = next;
            next = null;
            return raw;
        }

        private void accept(WebDatasetReader.Entry entry) {
            if (entry instanceof WebDatasetReader.Sample sample) {
                Shard shard = shards.get(sample.shard());
                samplesInShard++;
                if (whitelist == null || whitelist.contains(shard.dataset(), sample.key())) {
                    next = raw(shard, sample);
                }
            } else if (entry instanceof WebDatasetReader.Damage damage) {
                throw integrityError(shards.get(damage.shard()), damage.key(), damage.reason());
            } else if (entry instanceof WebDatasetReader.ShardDone done) {
                verify(shards.get(done.shard()), done);
                samplesInShard = 0;
            }
        }

        private Raw raw(Shard shard, WebDatasetReader.Sample sample) {
            byte[] png = sample.members().get(IngestedDataset.IMAGE_MEMBER);
            byte[] txt = sample.members().get("txt");
            if (png == null || txt == null) {
                throw integrityError(shard, sample.key(), "sample lacks its png or txt member, has " + sample.members().keySet());
            }
            try {
                String caption = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(txt)).toString();
                return new Raw(shard, sample.key(), png, caption);
            } catch (CharacterCodingException e) {
                throw integrityError(shard, sample.key(), "caption is not valid UTF-8");
            }
        }

        private void verify(Shard shard, WebDatasetReader.ShardDone done) {
            if (!done.sha256().equals(shard.info().getSha256()) || samplesInShard != shard.info().getNumSamples()) {
                throw new TrainingDataException("dataset '" + shard.dataset() + "', shard " + shard.path()
                        + ": differs from its manifest (sha256 " + done.sha256() + ", " + samplesInShard + " samples; manifest: "
                        + shard.info().getSha256() + ", " + shard.info().getNumSamples()
                        + " samples): the file was changed or damaged since ingestion");
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Batches in shuffled order; decoding fans out to the pool, results keep their positions. */
    private final class Batches implements CloseableIterator<List<Example>> {
        private final ShardStream stream;
        private final ShuffleBuffer<Raw> shuffled;
        private final int batchSize;
        private final ForkJoinPool pool;

        Batches(ShardStream stream, ShuffleBuffer<Raw> shuffled, int batchSize, ForkJoinPool pool) {
            this.stream = stream;
            this.shuffled = shuffled;
            this.batchSize = batchSize;
            this.pool = pool;
        }

        @Override
        public boolean hasNext() {
            boolean more = shuffled.hasNext();
            if (!more) {
                pool.shutdown();
            }
            return more;
        }

        @Override
        public List<Example> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<Callable<Example>> tasks = new ArrayList<>(batchSize);
            while (tasks.size() < batchSize && shuffled.hasNext()) {
                Raw raw = shuffled.next();
                tasks.add(() -> decode(raw));
            }
            List<Example> batch = new ArrayList<>(tasks.size());
            try {
                for (Future<Example> decoded : pool.invokeAll(tasks)) {
                    batch.add(decoded.get());
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding a batch", e);
            }
            return batch;
        }

        @Override
        public void close() {
            pool.shutdownNow();
            stream.close();
        }
    }
}
