package org.clipdg.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.Hashing;
import org.clipdg.core.ImageCodec;
import org.clipdg.ingest.Candidate;
import org.clipdg.ingest.IngestedSample;
import org.clipdg.ingest.RecordFacts;
import org.clipdg.ingest.RejectedRecordException;
import org.clipdg.ingest.SampleSource;
import org.clipdg.schema.InputFile;

/**
 * Images of an ImageFolder or domain-folder tree ({@link FolderTree}). A {@code <stem>.txt} beside an
 * image is its caption; otherwise {@link FolderCaptions} builds one from the class and the domain.
 * In a domain-folder tree each record carries its folder's domain.
 */
public final class FolderSource implements SampleSource {
    private final FolderTree tree;
    private final String defaultDomain;
    private final DomainLabels labels;
    private final SortedMap<String, String> fileHashes = new TreeMap<>();
    private long bytesRead;

    /** {@code defaultDomain} names the domain of an ImageFolder tree's images (the samplesheet's), for captions. */
    public FolderSource(FolderTree tree, String defaultDomain, DomainLabels labels) {
        this.tree = tree;
        this.defaultDomain = defaultDomain;
        this.labels = labels;
    }

    @Override
    public List<String> classes() {
        return tree.classes();
    }

    /** One entry for the whole tree: its sha256 covers the sorted (path, sha256) list of the images read. */
    @Override
    public List<InputFile> inputsRead() {
        MessageDigest digest = Hashing.sha256();
        synchronized (fileHashes) {
            fileHashes.forEach((path, sha) -> digest.update((path + "\t" + sha + "\n").getBytes(StandardCharsets.UTF_8)));
            return List.of(new InputFile(tree.root().getFileName() + "/", bytesRead, Hashing.hex(digest)));
        }
    }

    @Override
    public Iterator<Candidate> candidates() {
        return tree.entries().stream().map(this::candidate).iterator();
    }

    private Candidate candidate(FolderTree.Entry entry) {
        if (!entry.isImage()) {
            return Candidate.rejected(entry.key(), entry.relative(), "unsupported_file", "not an image file: " + entry.relative());
        }
        return new Candidate(entry.key(), entry.relative(), () -> build(entry));
    }

    private IngestedSample build(FolderTree.Entry entry) throws RejectedRecordException {
        try {
            byte[] bytes = Files.readAllBytes(entry.file());
            synchronized (fileHashes) {
                fileHashes.put(entry.relative(), Hashing.sha256(bytes));
                bytesRead += bytes.length;
            }
            Path captionFile = entry.file().resolveSibling(FolderTree.stripExtension(entry.file().getFileName().toString()) + ".txt");
            String domain = entry.domain().isEmpty() ? defaultDomain : entry.domain();
            String caption = Files.isRegularFile(captionFile) ? Files.readString(captionFile, StandardCharsets.UTF_8).strip()
                    : FolderCaptions.caption(entry.key(), entry.className(), domain, labels);
            RecordFacts facts = new RecordFacts(entry.className(), entry.domain(), "", "", "", new TreeMap<>());
            return new IngestedSample(ImageCodec.decodeRgb(bytes), caption, facts);
        } catch (ImageCodec.CorruptImageException e) {
            throw new RejectedRecordException("corrupt_image", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.file(), e);
        }
    }

    @Override
    public void close() {}
}
