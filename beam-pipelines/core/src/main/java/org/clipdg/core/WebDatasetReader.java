package org.clipdg.core;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Streams samples from WebDataset tar shards: consecutive members sharing a key (the member path
 * up to the first dot of its file name) form one sample. A damaged shard (truncated, corrupt
 * header) yields a {@link Damage} entry for the sample being read and the reader moves on to the
 * next shard; it never throws for damage inside a shard. An unreadable shard file is an error
 * ({@link java.io.UncheckedIOException} naming the shard).
 */
public final class WebDatasetReader implements Iterator<WebDatasetReader.Entry>, Closeable {

    public sealed interface Entry permits Sample, Damage, ShardDone {}

    /** One complete sample; {@code members} maps extension ("jpg", "txt", "json", ...) to bytes. */
    public record Sample(Path shard, String key, SortedMap<String, byte[]> members) implements Entry {}

    /**
     * Sample {@code key} could not be read whole. If {@code restOfShardSkipped}, the archive itself is
     * damaged there (truncated, corrupt header; {@code key} is empty between samples); otherwise only
     * this sample is dropped (a repeated member) and reading goes on.
     */
    public record Damage(Path shard, String key, String reason, boolean restOfShardSkipped) implements Entry {}

    /** A shard was read to its end (or its damage); {@code sha256} covers the whole file. */
    public record ShardDone(Path shard, long bytes, String sha256) implements Entry {}

    private final Deque<Path> shards;
    private final Deque<Entry> ready = new ArrayDeque<>();
    private Path shard;
    private DigestInputStream digestStream;
    private TarArchiveInputStream tar;
    private String pendingKey;
    private SortedMap<String, byte[]> pendingMembers;
    private String pendingProblem;

    public WebDatasetReader(List<Path> shards) {
        this.shards = new ArrayDeque<>(shards);
    }

    /** Splits a member name into key and extension, or returns null for names without extension. */
    public static String[] splitMemberName(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.indexOf('.', slash + 1);
        if (dot <= slash + 1 || dot == name.length() - 1) {
            return null;
        }
        return new String[] {name.substring(0, dot), name.substring(dot + 1)};
    }

    @Override
    public boolean hasNext() {
        try {
            while (ready.isEmpty() && (tar != null || !shards.isEmpty())) {
                advance();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read shard " + shard + ": " + e.getMessage(), e);
        }
        return !ready.isEmpty();
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void advance() throws IOException {
        if (tar == null) {
            openNextShard();
            return;
        }
        try {
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry == null) {
                flushPending();
                closeShard();
            } else if (entry.isFile()) {
                addMember(entry);
            }
        } catch (IOException | IllegalArgumentException e) {
            ready.add(new Damage(shard, pendingKey == null ? "" : pendingKey, "damaged tar: " + e.getMessage(), true));
            pendingKey = null;
            closeShard();
        }
    }

    private void addMember(TarArchiveEntry entry) throws IOException {
        String[] parts = splitMemberName(entry.getName());
        if (parts == null) {
            return;
        }
        byte[] content = tar.readAllBytes();
        if (!parts[0].equals(pendingKey)) {
            flushPending();
            pendingKey = parts[0];
            pendingMembers = new TreeMap<>();
            pendingProblem = null;
        }
        if (pendingMembers.put(parts[1], content) != null) {
            pendingProblem = "repeated member " + entry.getName();
        }
    }

    private void flushPending() {
        if (pendingKey != null) {
            ready.add(pendingProblem == null ? new Sample(shard, pendingKey, pendingMembers)
                    : new Damage(shard, pendingKey, pendingProblem, false));
            pendingKey = null;
        }
    }

    private void openNextShard() throws IOException {
        shard = shards.poll();
        InputStream file = new BufferedInputStream(Files.newInputStream(shard), 1 << 16);
        digestStream = new DigestInputStream(file, Hashing.sha256());
        tar = new TarArchiveInputStream(digestStream);
    }

    private void closeShard() throws IOException {
        digestStream.transferTo(java.io.OutputStream.nullOutputStream());
        ready.add(new ShardDone(shard, Files.size(shard), Hashing.hex(digestStream.getMessageDigest())));
        tar.close();
        tar = null;
    }

    @Override
    public void close() throws IOException {
        if (tar != null) {
            tar.close();
            tar = null;
        }
    }
}
