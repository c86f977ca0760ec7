package org.clipdg.ingest;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;
import org.clipdg.schema.InputFile;

/** An input format: yields its records in a fixed order and reports the files it read. */
public interface SampleSource extends Closeable {

    Iterator<Candidate> candidates();

    /** Every input file read, with checksum; complete once {@link #candidates()} is exhausted. */
    List<InputFile> inputsRead();

    /** Class names the dataset declares (a test set's class mask), in order; empty when unknown. */
    List<String> classes();
}
