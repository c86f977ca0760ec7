package org.clipdg.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Consumer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro data files of one record type, written under a temporary name and renamed when complete,
 * with a sync marker derived from {@code identity} instead of Avro's random one, so the same
 * records give a byte-identical file.
 */
public final class AvroRecordFile {
    private AvroRecordFile() {}

    /** Streams records into {@code target}; {@link Writer#commit()} publishes it, close without commit discards it. */
    public static <T extends SpecificRecord> Writer<T> create(Path target, Schema schema, String identity) throws IOException {
        return new Writer<>(target, schema, identity);
    }

    /** Calls {@code action} for every record of {@code file}, in file order. */
    public static <T extends SpecificRecord> void forEach(Path file, Class<T> type, Consumer<T> action) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (DataFileReader<T> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
            Iterator<T> records = reader.iterator();
            while (records.hasNext()) {
                action.accept(records.next());
            }
        } catch (AvroRuntimeException e) {
            throw new IOException(file + ": damaged or not a " + type.getSimpleName() + " file: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static final class Writer<T extends SpecificRecord> implements AutoCloseable {
        private final Path target;
        private final Path partial;
        private final OutputStream out;
        private final DataFileWriter<T> writer;
        private boolean committed;

        private Writer(Path target, Schema schema, String identity) throws IOException {
            this.target = target;
            this.partial = AtomicFiles.partialOf(target);
            this.out = new java.io.BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
            this.writer = new DataFileWriter<>(new SpecificDatumWriter<T>(schema));
            writer.setCodec(CodecFactory.nullCodec());
            byte[] sync = Arrays.copyOf(Hashing.sha256().digest(identity.getBytes(StandardCharsets.UTF_8)), 16);
            writer.create(schema, out, sync);
        }

        public void append(T record) throws IOException {
            writer.append(record);
        }

        public void commit() throws IOException {
            writer.close();
            AtomicFiles.commit(partial, target);
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                writer.close();
                Files.deleteIfExists(partial);
            }
        }
    }
}
