package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The column of a metadata file that names each row: {@code key}, or else {@code image_path}, which
 * clip-retrieval writes instead. An image_path names the image by its file name without extension:
 * the key img2dataset gave it, for both of clip-retrieval's inputs (a webdataset, whose image_path is
 * the sample's key, and a folder of files, whose image_path is the file's path).
 */
enum KeyColumn {
    KEY("key"),
    IMAGE_PATH("image_path");

    final String column;

    KeyColumn(String column) {
        this.column = column;
    }

    /** The first of {@code key} and {@code image_path} that {@code file} has among its {@code columns}. */
    static KeyColumn of(Path file, Collection<String> columns) throws IOException {
        for (KeyColumn candidate : values()) {
            if (columns.contains(candidate.column)) {
                return candidate;
            }
        }
        throw new IOException(file + ": no '" + KEY.column + "' or '" + IMAGE_PATH.column
                + "' column to take the row keys from (columns: " + columns + ")");
    }

    /** The dataset key that a cell of this column names. */
    String key(String cell) {
        if (this == KEY) {
            return cell;
        }
        String name = cell.substring(cell.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
