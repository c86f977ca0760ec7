package org.clipdg.ingest.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.clipdg.ingest.Candidate;
import org.clipdg.ingest.IngestedSample;
import org.clipdg.ingest.Keys;
import org.clipdg.ingest.RecordFacts;
import org.clipdg.ingest.SampleSource;
import org.clipdg.ingest.synthetic.GeneratedSample;
import org.clipdg.ingest.synthetic.SyntheticGenerator;
import org.clipdg.ingest.synthetic.SyntheticSpec;
import org.clipdg.schema.InputFile;

/** The procedural multi-domain generator; {@code scale} multiplies the spec's size (at least one image). */
public final class SyntheticSource implements SampleSource {
    private final Path specFile;
    private final String dataset;
    private final SyntheticGenerator generator;
    private final long size;

    public SyntheticSource(Path specFile, String dataset, List<String> classes, long seed, double scale)
            throws IOException {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be > 0, got " + scale);
        }
        SyntheticSpec spec = SyntheticSpec.read(specFile).withClasses(classes);
        this.specFile = specFile;
        this.dataset = dataset;
        this.generator = new SyntheticGenerator(spec, dataset, seed);
        this.size = Math.max(1, Math.round(spec.size() * scale));
    }

    @Override
    public List<String> classes() {
        return generator.classes();
    }

    @Override
    public List<InputFile> inputsRead() {
        try {
            return List.of(InputFiles.describe(specFile.getFileName().toString(), specFile));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Iterator<Candidate> candidates() {
        return LongStream.range(0, size).mapToObj(this::candidate).iterator();
    }

    private Candidate candidate(long index) {
        return new Candidate(Keys.indexed(dataset, index), "synthetic:" + specFile.getFileName() + "#" + index,
                () -> toSample(generator.generate(index)));
    }

    private static IngestedSample toSample(GeneratedSample generated) {
        return new IngestedSample(generated.image(), generated.caption(), new RecordFacts(generated.className(),
                generated.domain(), generated.domainLabel(), generated.background(), generated.group(),
                generated.factors()));
    }

    @Override
    public void close() {}
}
