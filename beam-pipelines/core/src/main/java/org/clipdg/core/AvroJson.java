package org.clipdg.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro records as JSON documents: the schema is the contract, the file stays human-readable. */
public final class AvroJson {
    private AvroJson() {}

    public static <T extends SpecificRecord> byte[] toJson(T record, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out, pretty);
            @SuppressWarnings("unchecked")
            SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pretty) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Parses and validates against the record's schema; failures name what was being read. */
    public static <T extends SpecificRecord> T fromJson(byte[] json, Class<T> type, String what) throws IOException {
        try {
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
            String text = new String(json, StandardCharsets.UTF_8);
            return reader.read(null, DecoderFactory.get().jsonDecoder(reader.getSchema(), text));
        } catch (IOException | AvroRuntimeException e) {
            throw new IOException(what + ": not a valid " + type.getSimpleName() + " document: " + e.getMessage(), e);
        }
    }

    public static <T extends SpecificRecord> T read(Path file, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in.readAllBytes(), type, file.toString());
        }
    }

    public static void write(Path file, SpecificRecord record) throws IOException {
        byte[] json = toJson(record, true);
        AtomicFiles.write(file, out -> out.write(json));
    }
}
