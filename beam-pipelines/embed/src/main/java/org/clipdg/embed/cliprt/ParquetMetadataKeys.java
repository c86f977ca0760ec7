package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The keys of a Parquet metadata file, as clip-retrieval and LAION publish them: only the key column
 * is read, row group by row group. No Hadoop file system or configuration is involved.
 */
final class ParquetMetadataKeys implements MetadataKeys {
    private final Path file;
    private final ParquetReader<GenericRecord> reader;
    private final KeyColumn column;
    private long row;

    private ParquetMetadataKeys(Path file, ParquetReader<GenericRecord> reader, KeyColumn column) {
        this.file = file;
        this.reader = reader;
        this.column = column;
    }

    static ParquetMetadataKeys open(Path file) throws IOException {
        InputFile input = new LocalInputFile(file) {
            @Override
            public String toString() { // how parquet's errors name the file
                return file.getFileName().toString();
            }
        };
        MessageType schema = schema(file, input);
        KeyColumn column = KeyColumn.of(file, schema.getFields().stream().map(Type::getName).toList());
        try {
            PlainParquetConfiguration conf = new PlainParquetConfiguration();
            MessageType keyOnly = new MessageType(schema.getName(), schema.getType(column.column));
            conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, new AvroSchemaConverter(conf).convert(keyOnly).toString());
            return new ParquetMetadataKeys(file, AvroParquetReader.<GenericRecord>builder(input, conf)
                    .withDataModel(GenericData.get()) // without it parquet-avro instantiates a Hadoop Configuration
                    .withCodecFactory(new ParquetDecompressors()).build(), column);
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static MessageType schema(Path file, InputFile input) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader footer = ParquetFileReader.open(input, options)) {
            return footer.getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    @Override
    public String next() throws IOException {
        GenericRecord record;
        try {
            record = reader.read();
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
        if (record == null) {
            return null;
        }
        Object cell = record.get(column.column);
        if (!(cell instanceof CharSequence || cell instanceof Integer || cell instanceof Long)) {
            String found = cell == null ? "no value" : "a " + cell.getClass().getSimpleName() + ", not text";
            throw new IOException(file + ": row " + row + " has " + found + " in column '" + column.column + "'");
        }
        row++;
        return column.key(cell.toString());
    }

    private static IOException unreadable(Path file, Exception e) {
        return new IOException(file + ": not readable as Parquet: " + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
