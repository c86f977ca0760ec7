package org.clipdg.embed.cliprt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.embed.EmbeddingFolder;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.ImageEmbedding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layouts as LAION and clip-retrieval publish them: float16 embeddings, Parquet metadata with more columns than keys. */
class PrecomputedImportParquetTest {
    private static final String MODEL = "ab".repeat(32);
    private static final int DIMENSION = 8;

    @TempDir
    Path dir;

    private final Random random = new Random(25);

    private static EmbeddingFolder.Identity identity() {
        return new EmbeddingFolder.Identity("laion", "cd".repeat(32), "clip", MODEL, PrecomputedImport.SOURCE, DIMENSION);
    }

    private static String key(int i) {
        return String.format("%09d", i);
    }

    /** LAION's metadata columns: {@code textColumns} (strings), then similarity, width and height. */
    private static Schema schema(String... textColumns) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("metadata").fields();
        for (String column : textColumns) {
            fields = fields.optionalString(column);
        }
        return fields.optionalDouble("similarity").optionalLong("width").optionalLong("height").endRecord();
    }

    /** A row of {@code schema} with {@code text} in its text columns, in order; captions of odd rows are null. */
    private GenericRecord row(Schema schema, int index, String... text) {
        GenericRecord row = new GenericData.Record(schema);
        for (int c = 0; c < text.length; c++) {
            String column = schema.getFields().get(c).name();
            row.put(column, column.equals("caption") && index % 2 == 1 ? null : text[c]);
        }
        row.put("similarity", 0.25 + random.nextDouble() / 10);
        row.put("width", 256L + index);
        row.put("height", 192L);
        return row;
    }

    /**
     * Writes {@code rows} random float16 embeddings as numpy's {@code np.save} does and returns their
     * values as floats, computed from sign, exponent and mantissa (independently of {@link Float16}).
     */
    private float[][] writeFloat16(Path npy, int rows) throws IOException {
        float[][] values = new float[rows][DIMENSION];
        int[] halves = new int[rows * DIMENSION];
        for (int r = 0; r < rows; r++) {
            for (int d = 0; d < DIMENSION; d++) {
                int sign = random.nextInt(2);
                int exponent = 10 + random.nextInt(8);
                int mantissa = random.nextInt(1024);
                halves[r * DIMENSION + d] = sign << 15 | exponent << 10 | mantissa;
                values[r][d] = (sign == 1 ? -1 : 1) * Math.scalb(1 + mantissa / 1024f, exponent - 15);
            }
        }
        String dict = "{'descr': '<f2', 'fortran_order': False, 'shape': (" + rows + ", " + DIMENSION + "), }";
        Files.createDirectories(npy.getParent());
        Files.write(npy, NpyFixtures.raw(1, dict, NpyFixtures.littleEndianShorts(halves)));
        return values;
    }

    private static Path parquet(Path layout, int index) {
        return layout.resolve("metadata/metadata_" + index + ".parquet");
    }

    @Test
    void importsLaionParquetMetadataWithFloat16Embeddings() throws IOException {
        Path layout = dir.resolve("layout");
        Schema schema = schema("url", "caption", "key");
        List<String> expectedKeys = new ArrayList<>();
        List<float[]> expectedEmbeddings = new ArrayList<>();
        int[][] keyRanges = {{0, 200}, {200, 350}};
        for (int part = 0; part < keyRanges.length; part++) {
            int first = keyRanges[part][0];
            int rows = keyRanges[part][1] - first;
            float[][] embeddings = writeFloat16(ClipRetrievalLayout.embeddings(layout, part), rows);
            List<GenericRecord> metadata = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                String key = part == 0 && r == 5 ? "not-in-dataset" : part == 1 && r == 0 ? key(10) : key(first + r);
                metadata.add(row(schema, r, "https://example.com/" + r + ".jpg", "a photo, number " + r, key));
                if (!key.equals("not-in-dataset") && !(part == 1 && r == 0)) {
                    expectedKeys.add(key);
                    expectedEmbeddings.add(UnitVectors.l2Normalised(embeddings[r]));
                }
            }
            ParquetFixtures.write(parquet(layout, part), schema, metadata, CompressionCodecName.SNAPPY);
        }
        Set<String> datasetKeys = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            datasetKeys.add(key(i));
        }

        EmbeddingManifest manifest = PrecomputedImport.run(layout, dir.resolve("out"), datasetKeys, identity());

        assertEquals(348, manifest.getNumEmbeddings());
        assertEquals(Map.of("unknown_key", 1L, "duplicate_key", 1L, "no_embedding", 52L),
                Map.copyOf(manifest.getRejectedByReason()));
        List<ImageEmbedding> imported = EmbeddedDataset.open(dir.resolve("out")).readAll();
        assertEquals(expectedKeys, imported.stream().map(record -> record.getKey().toString()).toList());
        for (int r = 0; r < imported.size(); r++) {
            List<Float> embedding = imported.get(r).getEmbedding();
            for (int d = 0; d < DIMENSION; d++) {
                assertEquals(expectedEmbeddings.get(r)[d], embedding.get(d), "row " + r + ", dimension " + d);
            }
        }
    }

    @Test
    void imagePathGivesTheKeyAsFileNameWithoutExtension() throws IOException {
        Path layout = dir.resolve("layout");
        Schema schema = schema("caption", "image_path");
        writeFloat16(ClipRetrievalLayout.embeddings(layout, 0), 3);
        ParquetFixtures.write(parquet(layout, 0), schema, List.of(
                row(schema, 0, "from a folder of images", "/data/laion/00000/000000001.jpg"),
                row(schema, 1, "from a webdataset: the sample's key", "000000002"),
                row(schema, 2, "a key with a dot", "images/000000003.v2.webp")), CompressionCodecName.SNAPPY);

        PrecomputedImport.run(layout, dir.resolve("out"), Set.of("000000001", "000000002", "000000003.v2"), identity());

        assertEquals(List.of("000000001", "000000002", "000000003.v2"),
                EmbeddedDataset.open(dir.resolve("out")).readAll().stream().map(record -> record.getKey().toString()).toList());
    }

    @Test
    void keyColumnIsPreferredToImagePath() throws IOException {
        Path layout = dir.resolve("layout");
        Schema schema = schema("image_path", "key");
        writeFloat16(ClipRetrievalLayout.embeddings(layout, 0), 1);
        ParquetFixtures.write(parquet(layout, 0), schema, List.of(row(schema, 0, "/images/b.jpg", "a")),
                CompressionCodecName.SNAPPY);

        PrecomputedImport.run(layout, dir.resolve("out"), Set.of("a", "b"), identity());

        assertEquals(List.of("a"),
                EmbeddedDataset.open(dir.resolve("out")).readAll().stream().map(record -> record.getKey().toString()).toList());
    }

    @Test
    void rowCountMismatchNamesBothFiles() throws IOException {
        Path layout = dir.resolve("layout");
        Schema schema = schema("key");
        writeFloat16(ClipRetrievalLayout.embeddings(layout, 0), 2);
        ParquetFixtures.write(parquet(layout, 0), schema,
                List.of(row(schema, 0, "a"), row(schema, 1, "b"), row(schema, 2, "c")), CompressionCodecName.SNAPPY);

        String message = assertThrows(IOException.class,
                () -> PrecomputedImport.run(layout, dir.resolve("out"), Set.of("a", "b", "c"), identity())).getMessage();

        assertEquals(parquet(layout, 0) + " has 3 rows but " + ClipRetrievalLayout.embeddings(layout, 0)
                + " has 2; their rows must align", message);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void metadataWithoutKeyOrImagePathNamesTheFileAndItsColumns() throws IOException {
        Path layout = dir.resolve("layout");
        Schema schema = schema("url", "caption");
        writeFloat16(ClipRetrievalLayout.embeddings(layout, 0), 1);
        ParquetFixtures.write(parquet(layout, 0), schema, List.of(row(schema, 0, "https://example.com/a.jpg", "a")),
                CompressionCodecName.SNAPPY);

        String message = assertThrows(IOException.class,
                () -> PrecomputedImport.run(layout, dir.resolve("out"), Set.of("a"), identity())).getMessage();

        assertEquals(parquet(layout, 0) + ": no 'key' or 'image_path' column to take the row keys from"
                + " (columns: [url, caption, similarity, width, height])", message);
    }
}
