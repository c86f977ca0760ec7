package org.clipdg.train.checkpoint;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.clipdg.core.AtomicFiles;

/**
 * Epoch checkpoints of one training run, in {@code <root>/<identity>/epoch-NNNN/}: weights,
 * optimiser state and progress. A checkpoint is written into a {@code .partial} folder and renamed
 * when complete, so a run killed while saving resumes from the previous one. The identity (a hash
 * of the split, the data and the configuration) keeps different runs apart; the folder lives
 * outside Nextflow's task directory, so a task retried or re-run with -resume finds it.
 */
public final class CheckpointStore {
    private static final Pattern EPOCH = Pattern.compile("epoch-(\\d{4})");
    private static final int KEEP = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public CheckpointStore(Path root, String identity) throws IOException {
        this.dir = Files.createDirectories(root.resolve(identity));
    }

    public Path dir() {
        return dir;
    }

    public Optional<Path> latest() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> EPOCH.matcher(p.getFileName().toString()).matches())
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }

    public void save(Checkpoint checkpoint, NDList weights, NDList optimizer) throws IOException {
        String name = String.format("epoch-%04d", checkpoint.epochsDone());
        Path partial = dir.resolve(name + AtomicFiles.PARTIAL_SUFFIX);
        AtomicFiles.deleteRecursively(partial);
        Files.createDirectories(partial);
        Files.write(partial.resolve("weights.ndlist"), weights.encode());
        Files.write(partial.resolve("optimizer.ndlist"), optimizer.encode());
        JSON.writerWithDefaultPrettyPrinter().writeValue(partial.resolve("state.json").toFile(), checkpoint);
        Path target = dir.resolve(name);
        AtomicFiles.deleteRecursively(target);
        Files.move(partial, target);
        prune();
    }

    public Checkpoint state(Path checkpoint) throws IOException {
        return JSON.readValue(checkpoint.resolve("state.json").toFile(), Checkpoint.class);
    }

    public NDList weights(Path checkpoint, NDManager manager) throws IOException {
        return decode(checkpoint.resolve("weights.ndlist"), manager);
    }

    public NDList optimizer(Path checkpoint, NDManager manager) throws IOException {
        return decode(checkpoint.resolve("optimizer.ndlist"), manager);
    }

    private static NDList decode(Path file, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return NDList.decode(manager, in);
        }
    }

    private void prune() throws IOException {
        List<Path> epochs;
        try (Stream<Path> entries = Files.list(dir)) {
            epochs = entries.filter(p -> EPOCH.matcher(p.getFileName().toString()).matches()).sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
        for (Path old : epochs.subList(Math.min(KEEP, epochs.size()), epochs.size())) {
            AtomicFiles.deleteRecursively(old);
        }
    }

}
