package org.clipdg.embed.cliprt;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Decompresses Parquet pages with aircompressor (which parquet-hadoop itself uses for LZ4_RAW) and
 * the JDK's GZIP: parquet-hadoop's own codecs instantiate a Hadoop Configuration, whose
 * implementation the jar leaves out. Reads only.
 */
final class ParquetDecompressors implements CompressionCodecFactory {
    private interface Codec {
        byte[] decompress(byte[] page, int size) throws IOException;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new PageDecompressor(codec, (page, size) -> page);
            case GZIP -> new PageDecompressor(codec,
                    (page, size) -> new GZIPInputStream(new ByteArrayInputStream(page)).readNBytes(size));
            case SNAPPY -> new PageDecompressor(codec, blocks(new SnappyDecompressor()));
            case ZSTD -> new PageDecompressor(codec, blocks(new ZstdDecompressor()));
            case LZ4_RAW -> new PageDecompressor(codec, blocks(new Lz4Decompressor()));
            default -> throw new IllegalArgumentException(
                    "Parquet compression " + codec + " is not supported, only UNCOMPRESSED, SNAPPY, GZIP, ZSTD and LZ4_RAW");
        };
    }

    private static Codec blocks(Decompressor decompressor) {
        return (page, size) -> {
            byte[] output = new byte[size];
            int written = decompressor.decompress(page, 0, page.length, output, 0, size);
            return written == size ? output : Arrays.copyOf(output, written);
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new IllegalStateException("clipdg only reads Parquet metadata; it never compresses pages");
    }

    @Override
    public void release() {}

    private record PageDecompressor(CompressionCodecName name, Codec codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput compressed, int size) throws IOException {
            return BytesInput.from(page(compressed, size));
        }

        /** As parquet-hadoop's heap decompressors do: all of {@code compressed} that remains is the page. */
        @Override
        public void decompress(ByteBuffer compressed, int compressedSize, ByteBuffer output, int size) throws IOException {
            output.put(page(BytesInput.from(compressed), size));
        }

        private byte[] page(BytesInput compressed, int size) throws IOException {
            byte[] page = codec.decompress(compressed.toInputStream().readAllBytes(), size);
            if (page.length != size) {
                throw new IOException(name + " page decompressed to " + page.length + " bytes, its header says " + size);
            }
            return page;
        }

        @Override
        public void release() {}
    }
}
