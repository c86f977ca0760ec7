package org.clipdg.embed.cliprt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetMetadataKeysTest {
    private static final Schema KEY_AND_CAPTION =
            SchemaBuilder.record("metadata").fields().optionalString("key").optionalString("caption").endRecord();

    @TempDir
    Path dir;

    private static List<String> readAll(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        try (MetadataKeys metadata = MetadataKeys.open(file)) {
            for (String key = metadata.next(); key != null; key = metadata.next()) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static GenericRecord row(Schema schema, Object key) {
        GenericRecord row = new GenericData.Record(schema);
        row.put("key", key);
        return row;
    }

    /**
     * Enough rows, with captions, for several row groups; keys repeat, so that their pages are
     * dictionary-encoded as pyarrow's first pages are.
     */
    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void readsTheKeysOfEveryCompressionParquetWritersUse(CompressionCodecName codec) throws IOException {
        Path file = dir.resolve("metadata_0.parquet");
        List<String> keys = new ArrayList<>();
        List<GenericRecord> rows = new ArrayList<>();
        for (int r = 0; r < 500; r++) {
            keys.add("key " + r % 50 + " é");
            GenericRecord row = row(KEY_AND_CAPTION, keys.get(r));
            row.put("caption", "the caption of row " + r + ", as long as captions are, or longer");
            rows.add(row);
        }
        ParquetFixtures.write(file, KEY_AND_CAPTION, rows, codec);

        assertEquals(keys, readAll(file));
    }

    @Test
    void integerKeysAreReadAsDecimalText() throws IOException {
        Schema schema = SchemaBuilder.record("metadata").fields().requiredLong("key").endRecord();
        Path file = dir.resolve("metadata_0.parquet");
        ParquetFixtures.write(file, schema, List.of(row(schema, 7L), row(schema, 123456789L)), CompressionCodecName.SNAPPY);

        assertEquals(List.of("7", "123456789"), readAll(file));
    }

    @Test
    void aRowWithoutKeyIsNamed() throws IOException {
        Path file = dir.resolve("metadata_0.parquet");
        ParquetFixtures.write(file, KEY_AND_CAPTION, List.of(row(KEY_AND_CAPTION, "a"), row(KEY_AND_CAPTION, null)),
                CompressionCodecName.SNAPPY);

        String message = assertThrows(IOException.class, () -> readAll(file)).getMessage();

        assertEquals(file + ": row 1 has no value in column 'key'", message);
    }

    @Test
    void aFileThatIsNotParquetIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("metadata_0.parquet"), "key\na\nb\n");

        String message = assertThrows(IOException.class, () -> readAll(file)).getMessage();

        assertTrue(message.startsWith(file + ": not readable as Parquet: metadata_0.parquet is not a Parquet file"), message);
    }
}
