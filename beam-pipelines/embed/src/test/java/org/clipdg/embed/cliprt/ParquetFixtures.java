package org.clipdg.embed.cliprt;

import io.airlift.compress.Compressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.xerial.snappy.Snappy;

/**
 * Writes Parquet files with parquet-avro's writer, as clip-retrieval's pandas does: a row group per
 * {@code rowsPerGroup} rows. Pages are compressed here, by snappy-java (the reference Snappy), the
 * JDK and aircompressor, because parquet-hadoop's own codecs need the Hadoop runtime the build
 * leaves out (and the reader under test must work without it).
 */
final class ParquetFixtures {
    private ParquetFixtures() {}

    static void write(Path file, Schema schema, List<GenericRecord> rows, CompressionCodecName codec) throws IOException {
        Files.createDirectories(file.getParent());
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema).withConf(new PlainParquetConfiguration()).withDataModel(GenericData.get())
                .withCodecFactory(new Compressors()).withCompressionCodec(codec)
                .withRowGroupSize(1024L).withPageSize(256).build()) {
            for (GenericRecord row : rows) {
                writer.write(row);
            }
        }
    }

    private static final class Compressors implements CompressionCodecFactory {
        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            return new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput page) throws IOException {
                    return BytesInput.from(compressed(codec, page.toInputStream().readAllBytes()));
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return codec;
                }

                @Override
                public void release() {}
            };
        }

        private static byte[] compressed(CompressionCodecName codec, byte[] page) throws IOException {
            return switch (codec) {
                case UNCOMPRESSED -> page;
                case SNAPPY -> Snappy.compress(page);
                case GZIP -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                        gzip.write(page);
                    }
                    yield out.toByteArray();
                }
                case ZSTD -> blocks(new ZstdCompressor(), page);
                case LZ4_RAW -> blocks(new Lz4Compressor(), page);
                default -> throw new IllegalArgumentException("no test compressor for " + codec);
            };
        }

        private static byte[] blocks(Compressor compressor, byte[] page) {
            byte[] out = new byte[compressor.maxCompressedLength(page.length)];
            return Arrays.copyOf(out, compressor.compress(page, 0, page.length, out, 0, out.length));
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            throw new IllegalStateException("the test fixture only writes");
        }

        @Override
        public void release() {}
    }
}
