package org.clipdg.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.DjlSetup;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.core.split.Whitelist;
import org.clipdg.core.text.CaptionTokenizer;
import org.clipdg.core.text.PromptTemplates;
import org.clipdg.train.checkpoint.CheckpointStore;
import org.clipdg.train.data.TrainingExamples;
import org.clipdg.train.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a CLIP (two towers, symmetric InfoNCE, AdamW, warm-up + cosine) on ingested datasets,"
                + " optionally restricted to a whitelist of keys, and exports it to ONNX with a model card.",
                "Checkpoints after every epoch under --checkpoint-root/<identity>/; a run with the same identity"
                + " resumes from the latest one.",
                "Writes into --out: image.onnx, text.onnx, tokenizer.json, model_card.json, weights.ndlist,"
                + " metrics_steps.tsv, metrics_epochs.tsv."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Ingested dataset folder(s) (with manifest.json) to train on.")
    List<Path> datasets;

    @Option(names = "--whitelist", paramLabel = "FILE", description = "Split to train on: sorted '<dataset>\\t<key>' lines.")
    Path whitelist;

    @Option(names = "--model-config", required = true, paramLabel = "FILE", description = "Architecture (conf/models/*.json).")
    Path modelConfig;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "A tokenizer.json to use (e.g. CLIP's BPE); default: a word-level vocabulary built from the captions.")
    Path tokenizer;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--checkpoint-root", required = true, paramLabel = "DIR",
            description = "Where checkpoints live, outside any task folder so that a re-run can resume.")
    Path checkpointRoot;

    @Option(names = "--epochs", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--warmup", defaultValue = "0.1", description = "Warm-up as a fraction of all steps (default: ${DEFAULT-VALUE}).")
    float warmup;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
    float weightDecay;

    @Option(names = "--grad-clip", defaultValue = "1.0", description = "Global gradient-norm clip, 0 = off (default: ${DEFAULT-VALUE}).")
    float gradClip;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "CPU threads for PyTorch and for decoding (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--shuffle-buffer", defaultValue = "4096",
            description = "Samples the streaming shuffle draws from (default: ${DEFAULT-VALUE}).")
    int shuffleBuffer;

    @Option(names = "--device", defaultValue = "cpu",
            description = "auto, cpu or cuda; cuda needs the jar built with -Pgpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--export-activations", description = "Add per-block pooled activations as extra ONNX outputs.")
    boolean exportActivations;

    @Option(names = "--probe-dataset", arity = "1..*", paramLabel = "DIR", description = "Ingested test set(s) to report zero-shot top-1 on after training.")
    List<Path> probeDatasets = new ArrayList<>();

    @Option(names = "--vocabulary-templates", defaultValue = "openai,domains", paramLabel = "SETS",
            description = {"Prompt templates whose words join the word-level vocabulary, so that the evaluation's zero-shot"
                    + " prompts are not unknown words: built-in sets (openai, domains) or files, comma-separated; none for"
                    + " none (default: ${DEFAULT-VALUE})."})
    String vocabularyTemplates;

    @Option(names = "--probe-template", defaultValue = "a photo of a {}", description = "Prompt of the probe (default: '${DEFAULT-VALUE}').")
    String probeTemplate;

    @Option(names = "--code-id", paramLabel = "ID",
            description = "Identity of the code, part of the checkpoint identity so that a rebuilt jar never resumes from"
                    + " another build's checkpoints (default: the running jar's sha256).")
    String codeId;

    @Override
    public Integer call() throws IOException, TrainingException {
        DjlSetup.configure(threads);
        ModelConfig config = ModelConfig.read(modelConfig);
        TrainSettings settings = new TrainSettings(config, epochs, batchSize, learningRate, warmup, weightDecay, gradClip,
                seed, threads, shuffleBuffer, 1);
        Optional<Whitelist> split = whitelist == null ? Optional.empty() : Optional.of(Whitelist.read(whitelist));
        ImagePreprocessor preprocessor = new ImagePreprocessor(config.image().size(), config.image().mean(), config.image().std());
        TrainingExamples data = new TrainingExamples(datasets, split, preprocessor, shuffleBuffer, seed);
        reportMissing(data);
        Files.createDirectories(out);
        Path tokenizerFile = out.resolve("tokenizer.json");
        if (tokenizer == null) {
            CaptionTokenizer.buildWordLevel(vocabularyCorpus(data.captions(), vocabularyTemplates, probeTemplate), 1,
                    tokenizerFile);
        } else {
            Files.copy(tokenizer, tokenizerFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        TrainingRun run = new TrainingRun(settings, data, split, tokenizerFile, datasets, out,
                codeId != null ? codeId : ClipdgVersion.codeSha256());
        CheckpointStore checkpoints = new CheckpointStore(checkpointRoot, run.identity());
        try (CaptionTokenizer captions = CaptionTokenizer.load(tokenizerFile, config.text().contextLength());
                NDManager manager = NDManager.newBaseManager(device())) {
            ClipTrainer.Result result = new ClipTrainer(settings, System.err).train(data, captions, checkpoints, manager);
            run.finish(result, captions, preprocessor, probeDatasets, probeTemplate, exportActivations, manager, System.err);
        }
        return 0;
    }

    /** The captions, then each template once with its class-name slot left out. */
    static Iterable<String> vocabularyCorpus(Iterable<String> captions, String templateSets, String probeTemplate)
            throws IOException {
        List<String> templates = new ArrayList<>(List.of(probeTemplate));
        if (!templateSets.strip().equals("none")) {
            templates.addAll(PromptTemplates.load(templateSets));
        }
        List<String> words = templates.stream().map(t -> PromptTemplates.fill(t, "")).toList();
        return () -> Stream.concat(StreamSupport.stream(captions.spliterator(), false), words.stream()).iterator();
    }

    private void reportMissing(TrainingExamples data) throws IOException {
        int missing = data.missingWhitelistCount();
        if (missing > 0) {
            System.err.printf("[train] warning: %d whitelist entr%s match no sample, e.g. %s%n", missing,
                    missing == 1 ? "y does" : "ies do", data.missingWhitelistSample(3));
        }
    }

    private Device device() throws TrainingException {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (device) {
            case "cpu" -> Device.cpu();
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "cuda" -> {
                if (gpus == 0) {
                    throw new TrainingException("--device cuda, but PyTorch sees no GPU (the CPU build of the natives is"
                            + " installed unless the jar was built with -Pgpu)");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("--device must be auto, cpu or cuda, got '" + device + "'");
        };
    }
}
