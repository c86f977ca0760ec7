package org.clipdg.domains.label;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.schema.DomainLabel;

/**
 * Gathers each shard's labels and writes its output shard whole, sorted by key and committed by
 * rename; a shard whose label count differs from its embedding count is an error, never a short file.
 */
final class WriteLabelShards extends PTransform<PCollection<KV<Integer, Batches.Labels>>, PDone> {
    private final List<Batches.Shard> shards;
    private final List<Long> expected;
    private final String outputDir;

    /** {@code shards.get(i)} is shard {@code i}, holding {@code expected.get(i)} embeddings. */
    WriteLabelShards(List<Batches.Shard> shards, List<Long> expected, Path outputDir) {
        this.shards = List.copyOf(shards);
        this.expected = List.copyOf(expected);
        this.outputDir = outputDir.toString();
    }

    static String fileName(int shard) {
        return String.format("labels-%05d.avro", shard);
    }

    @Override
    public PDone expand(PCollection<KV<Integer, Batches.Labels>> labels) {
        labels.apply("GroupByShard", GroupByKey.create())
                .apply("WriteShardFiles", ParDo.of(new WriteFn(shards, expected, outputDir)));
        return PDone.in(labels.getPipeline());
    }

    private static final class WriteFn extends DoFn<KV<Integer, Iterable<Batches.Labels>>, Void> {
        private final List<Batches.Shard> shards;
        private final List<Long> expected;
        private final String outputDir;

        WriteFn(List<Batches.Shard> shards, List<Long> expected, String outputDir) {
            this.shards = shards;
            this.expected = expected;
            this.outputDir = outputDir;
        }

        @ProcessElement
        public void process(@Element KV<Integer, Iterable<Batches.Labels>> group) throws Exception {
            Batches.Shard shard = shards.get(group.getKey());
            List<DomainLabel> records = new ArrayList<>();
            for (Batches.Labels batch : group.getValue()) {
                for (int r = 0; r < batch.keys().length; r++) {
                    records.add(new DomainLabel(batch.keys()[r], shard.dataset(), batch.pNatural()[r], batch.pRendition()[r],
                            batch.defaultLabels()[r], batch.strictLabels()[r]));
                }
            }
            if (records.size() != expected.get(shard.index())) {
                throw new IllegalStateException(shard.path() + ": " + expected.get(shard.index()) + " embeddings but "
                        + records.size() + " labels");
            }
            records.sort(Comparator.comparing(DomainLabel::getKey));
            Path target = Path.of(outputDir, fileName(shard.index()));
            try (AvroRecordFile.Writer<DomainLabel> writer = AvroRecordFile.create(target, DomainLabel.getClassSchema(),
                    shard.dataset() + "/" + target.getFileName())) {
                for (DomainLabel record : records) {
                    writer.append(record);
                }
                writer.commit();
            }
        }
    }
}
