package org.clipdg.embed;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.AvroJson;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.EmbeddingShard;

/**
 * Finished embeddings kept across runs and studies, one slot per (dataset manifest sha256, model
 * card sha256): embedding the same data with the same model again costs nothing. Slots are filled
 * shard by shard like any output folder, so an interrupted run resumes in its slot.
 */
final class EmbeddingStore {
    private final Path root;

    EmbeddingStore(Path root) {
        this.root = root;
    }

    Path slot(String dataset, String datasetManifestSha256, String modelCardSha256) {
        String safeName = dataset.replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve(safeName + "-" + datasetManifestSha256.substring(0, 16) + "-" + modelCardSha256.substring(0, 16));
    }

    /** The slot's manifest if the slot is complete and holds exactly this data and model, else null. */
    EmbeddingManifest finished(Path slot, String datasetManifestSha256, String modelCardSha256) throws IOException {
        Path manifestFile = slot.resolve(EmbeddedDataset.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            return null;
        }
        EmbeddingManifest manifest = AvroJson.read(manifestFile, EmbeddingManifest.class);
        boolean same = manifest.getDatasetManifestSha256().toString().equals(datasetManifestSha256)
                && manifest.getModelCardSha256().toString().equals(modelCardSha256);
        return same ? manifest : null;
    }

    /**
     * Makes {@code output} a complete embeddings folder with the slot's files: hard links where the
     * filesystem allows (no copy of large shards), copies otherwise; the manifest comes last.
     */
    void publish(Path slot, Path output) throws IOException {
        EmbeddedDataset finished = EmbeddedDataset.open(slot);
        Files.deleteIfExists(output.resolve(EmbeddedDataset.MANIFEST));
        List<String> files = new ArrayList<>();
        for (EmbeddingShard shard : finished.manifest().getShards()) {
            files.add(shard.getName().toString());
        }
        files.add(EmbeddedDataset.REJECTED);
        files.add(EmbeddedDataset.MANIFEST);
        link(slot, files, output);
    }

    /** Puts the files {@code names} of {@code slot} into {@code output}, in that order, replacing what is there. */
    void link(Path slot, List<String> names, Path output) throws IOException {
        Files.createDirectories(output);
        for (String name : names) {
            Path target = output.resolve(name);
            Files.deleteIfExists(target);
            linkOrCopy(slot.resolve(name), target);
        }
    }

    /** A hard link where possible; a copy across filesystems or where links are not supported. */
    static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException crossDeviceOrUnsupported) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
