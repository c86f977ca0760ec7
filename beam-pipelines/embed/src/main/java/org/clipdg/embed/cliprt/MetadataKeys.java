package org.clipdg.embed.cliprt;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** The keys of a metadata file of the layout, one row at a time: Parquet, or CSV with a header. */
interface MetadataKeys extends Closeable {
    static MetadataKeys open(Path file) throws IOException {
        return file.getFileName().toString().endsWith(".parquet") ? ParquetMetadataKeys.open(file) : CsvMetadataKeys.open(file);
    }

    /** The key of the next row, or null after the last row. */
    String next() throws IOException;
}
