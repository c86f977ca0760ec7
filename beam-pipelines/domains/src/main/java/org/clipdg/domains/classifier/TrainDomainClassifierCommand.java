package org.clipdg.domains.classifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.clipdg.core.DjlSetup;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.embedding.EmbeddedDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train-domain-classifier", mixinStandardHelpOptions = true,
        description = {"Trains the natural-vs-rendition domain classifier (docs/science.md, 'Domain labelling'): a perceptron"
                + " with one hidden layer or a logistic regression (DJL + PyTorch, --model) on the L2-normalised embeddings of"
                + " the labelled datasets, split 75 / 12.5 / 12.5 %% train / validation / test by label with --seed. Strict thresholds: per class,"
                + " the smallest threshold on p(class) whose validation precision reaches --precision; if one cannot be"
                + " reached, it stops with an error (exit status 3) that says how close the best threshold came.",
                "Writes into --out: domain_classifier.onnx, training_data.tsv (every sample's label, split, probabilities and"
                + " labels), metrics.tsv (precision, recall, coverage per split, threshold set and label) and"
                + " classifier_card.json (last)."},
        footer = {"", "Example: clipdg train-domain-classifier --embeddings results/embeddings/labelled"
                + " --datasets results/datasets/labelled --out results/domains/classifier"})
public final class TrainDomainClassifierCommand implements Callable<Integer> {
    /** Exit status when no threshold reaches --precision: the pipeline skips the domain steps on it. */
    public static final int UNREACHABLE_TARGET = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", required = true, arity = "1..*", description = "Embedding folders of the labelled datasets.")
    List<Path> embeddings;

    @Option(names = "--datasets", required = true, arity = "1..*",
            description = "Their ingested dataset folders (the labels), in the same order.")
    List<Path> datasets;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--precision", defaultValue = "0.98", description = "Target precision of the strict thresholds (default: ${DEFAULT-VALUE}).")
    double precision;

    @Option(names = "--model", defaultValue = "mlp", paramLabel = "mlp|linear",
            description = "mlp: a perceptron with one hidden layer of 256 ReLU units, for embeddings whose domains no"
                    + " hyperplane separates; linear: multinomial logistic regression (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data split, the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs over the train split (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads for training, ONNX Runtime threads for scoring (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (!(precision > 0 && precision <= 1)) {
            throw new IllegalArgumentException("--precision must be in (0, 1], got " + precision);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (embeddings.size() != datasets.size()) {
            throw new IllegalArgumentException("--embeddings names " + embeddings.size() + " folder(s) but --datasets "
                    + datasets.size() + "; give one dataset per embedding folder, in the same order");
        }
        DjlSetup.configure(threads);
        List<LabelledEmbeddings.Source> sources = new ArrayList<>();
        for (int i = 0; i < embeddings.size(); i++) {
            sources.add(new LabelledEmbeddings.Source(EmbeddedDataset.open(embeddings.get(i)), IngestedDataset.open(datasets.get(i))));
        }
        try {
            new DomainClassifierTraining(new DomainClassifierTraining.Settings(DomainNetwork.Kind.of(model), precision, seed,
                    epochs, threads), System.err)
                    .run(sources, out);
        } catch (StrictThreshold.UnreachableTarget e) {
            spec.commandLine().getErr().println("train-domain-classifier: error: " + e.getMessage());
            return UNREACHABLE_TARGET;
        }
        return 0;
    }
}
