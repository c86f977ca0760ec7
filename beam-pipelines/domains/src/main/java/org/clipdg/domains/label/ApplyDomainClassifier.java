package org.clipdg.domains.label;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.clipdg.domains.ClassifierSession;
import org.clipdg.domains.DomainClassifier;
import org.clipdg.domains.LabelRule;

/** Scores each batch with the classifier in ONNX Runtime and applies the default and strict thresholds. */
final class ApplyDomainClassifier
        extends PTransform<PCollection<KV<Integer, Batches.Embeddings>>, PCollection<KV<Integer, Batches.Labels>>> {
    /** Beam metrics of the step: summed over every worker, wherever it runs, and read back when the job ends. */
    static final String METRICS_NAMESPACE = "clipdg.label_domains";
    static final String LABELLED = "embeddings_labelled";
    /** Labelled in this JVM so far, for live progress where the runner runs here (the metrics arrive only at the end). */
    static final AtomicLong LABELLED_IN_THIS_JVM = new AtomicLong();
    /**
     * Sessions are expensive and thread-safe: one per JVM, classifier and thread count. A classifier is its folder
     * and its card's sha256: a TaskManager that outlives a job may see another classifier in the same folder.
     */
    private static final Map<String, ClassifierSession> SESSIONS = new ConcurrentHashMap<>();

    private final String classifierDir;
    private final String classifierCardSha256;
    private final LabelRule rule;
    private final int threads;

    ApplyDomainClassifier(DomainClassifier classifier, int threads) {
        this.classifierDir = classifier.dir().toString();
        this.classifierCardSha256 = classifier.cardSha256();
        this.rule = classifier.rule();
        this.threads = threads;
    }

    @Override
    public PCollection<KV<Integer, Batches.Labels>> expand(PCollection<KV<Integer, Batches.Embeddings>> batches) {
        return batches.apply("Classify", ParDo.of(new ClassifyFn(classifierDir, classifierCardSha256, rule, threads)))
                .setCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(Batches.Labels.class)));
    }

    private static final class ClassifyFn extends DoFn<KV<Integer, Batches.Embeddings>, KV<Integer, Batches.Labels>> {
        private final String classifierDir;
        private final String classifierCardSha256;
        private final LabelRule rule;
        private final int threads;
        private final Counter labelled = Metrics.counter(METRICS_NAMESPACE, LABELLED);
        private transient ClassifierSession session;

        ClassifyFn(String classifierDir, String classifierCardSha256, LabelRule rule, int threads) {
            this.classifierDir = classifierDir;
            this.classifierCardSha256 = classifierCardSha256;
            this.rule = rule;
            this.threads = threads;
        }

        @Setup
        public void setup() {
            session = SESSIONS.computeIfAbsent(classifierDir + "#" + classifierCardSha256 + "#" + threads, key -> {
                try {
                    return DomainClassifier.open(Path.of(classifierDir)).session(threads);
                } catch (IOException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        }

        @ProcessElement
        public void process(@Element KV<Integer, Batches.Embeddings> element, OutputReceiver<KV<Integer, Batches.Labels>> out)
                throws IOException {
            Batches.Embeddings batch = element.getValue();
            int rows = batch.keys().length;
            float[] probabilities = session.probabilities(FloatBuffer.wrap(batch.vectors()), rows);
            float[] natural = new float[rows];
            float[] rendition = new float[rows];
            String[] defaults = new String[rows];
            String[] stricts = new String[rows];
            for (int r = 0; r < rows; r++) {
                LabelRule.Labels labels = rule.apply(probabilities, r);
                natural[r] = labels.pNatural();
                rendition[r] = labels.pRendition();
                defaults[r] = labels.defaultLabel();
                stricts[r] = labels.strictLabel();
            }
            out.output(KV.of(batch.shard(), new Batches.Labels(batch.shard(), batch.keys(), natural, rendition, defaults, stricts)));
            labelled.inc(rows);
            LABELLED_IN_THIS_JVM.addAndGet(rows);
        }
    }
}
