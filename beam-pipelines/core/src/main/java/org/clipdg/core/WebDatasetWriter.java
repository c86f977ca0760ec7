package org.clipdg.core;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.clipdg.schema.ShardInfo;

/**
 * Writes samples as WebDataset tar shards ({@code <prefix>-000000.tar}, ...). Each shard is written
 * under a {@code .partial} name and renamed when full, and tar headers carry no time or owner, so
 * identical samples give byte-identical shards.
 */
public final class WebDatasetWriter implements Closeable {
    private final Path directory;
    private final String prefix;
    private final int samplesPerShard;
    private final List<ShardInfo> finished = new ArrayList<>();

    private TarArchiveOutputStream tar;
    private DigestOutputStream digestStream;
    private CountingStream counter;
    private Path partial;
    private long samplesInShard;

    public WebDatasetWriter(Path directory, String prefix, int samplesPerShard) {
        if (samplesPerShard < 1) {
            throw new IllegalArgumentException("samples per shard must be >= 1, got " + samplesPerShard);
        }
        this.directory = directory;
        this.prefix = prefix;
        this.samplesPerShard = samplesPerShard;
    }

    public static String shardName(String prefix, int index) {
        return String.format("%s-%06d.tar", prefix, index);
    }

    /** Writes one sample; {@code members} maps extension (e.g. "png", "txt", "json") to content. */
    public void write(String key, SortedMap<String, byte[]> members) throws IOException {
        if (key.isEmpty() || key.contains(".")) {
            throw new IllegalArgumentException("WebDataset key must be non-empty and dot-free: '" + key + "'");
        }
        if (tar == null) {
            openShard();
        }
        for (Map.Entry<String, byte[]> member : members.entrySet()) {
            TarArchiveEntry entry = new TarArchiveEntry(key + "." + member.getKey(), true);
            entry.setSize(member.getValue().length);
            entry.setMode(0100644);
            entry.setModTime(0L);
            tar.putArchiveEntry(entry);
            tar.write(member.getValue());
            tar.closeArchiveEntry();
        }
        if (++samplesInShard == samplesPerShard) {
            closeShard();
        }
    }

    /** Closes the open shard and returns every shard written, in order. */
    public List<ShardInfo> finish() throws IOException {
        if (tar != null) {
            closeShard();
        }
        return List.copyOf(finished);
    }

    private void openShard() throws IOException {
        Path target = directory.resolve(shardName(prefix, finished.size()));
        partial = AtomicFiles.partialOf(target);
        MessageDigest digest = Hashing.sha256();
        counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16));
        digestStream = new DigestOutputStream(counter, digest);
        tar = new TarArchiveOutputStream(digestStream);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        samplesInShard = 0;
    }

    private void closeShard() throws IOException {
        tar.finish();
        tar.close();
        String name = shardName(prefix, finished.size());
        AtomicFiles.commit(partial, directory.resolve(name));
        finished.add(ShardInfo.newBuilder()
                .setName(name)
                .setNumSamples(samplesInShard)
                .setBytes(counter.count)
                .setSha256(Hashing.hex(digestStream.getMessageDigest()))
                .build());
        tar = null;
    }

    /** Abandons an unfinished shard: its partial file is removed, finished shards stay. */
    @Override
    public void close() throws IOException {
        if (tar != null) {
            tar.close();
            Files.deleteIfExists(partial);
            tar = null;
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
