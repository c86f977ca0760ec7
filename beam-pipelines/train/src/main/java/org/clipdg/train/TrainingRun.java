package org.clipdg.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.Hashing;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.core.split.Whitelist;
import org.clipdg.core.text.CaptionTokenizer;
import org.clipdg.schema.CardFile;
import org.clipdg.schema.DatasetRef;
import org.clipdg.schema.ModelCard;
import org.clipdg.schema.TrainingRecord;
import org.clipdg.train.data.TrainingExamples;
import org.clipdg.train.export.OnnxExporter;
import org.clipdg.train.model.ClipModel;

/**
 * One training run's identity and outputs. The identity hashes everything that determines the
 * trained weights (the code, architecture, hyper-parameters, seed, split, data, tokenizer) and names
 * the checkpoint folder, so only a run that would compute the same model resumes from it.
 */
final class TrainingRun {
    static final String IMAGE_MODEL = "image.onnx";
    static final String TEXT_MODEL = "text.onnx";
    static final String CARD = "model_card.json";

    private final TrainSettings settings;
    private final TrainingExamples data;
    private final String splitSha256;
    private final Path tokenizerFile;
    private final List<DatasetRef> datasets = new ArrayList<>();
    private final Path out;
    private final String identity;

    TrainingRun(TrainSettings settings, TrainingExamples data, Optional<Whitelist> split, Path tokenizerFile,
            List<Path> datasetDirs, Path out, String codeId) throws IOException {
        this.settings = settings;
        this.data = data;
        this.splitSha256 = split.map(Whitelist::sha256).orElse("all");
        this.tokenizerFile = tokenizerFile;
        this.out = out;
        for (Path dir : datasetDirs) {
            datasets.add(new DatasetRef(IngestedDataset.open(dir).name(), Hashing.sha256(IngestedDataset.manifestFile(dir))));
        }
        StringBuilder key = new StringBuilder(codeId).append('\n').append(settings.model().toJson()).append('\n').append(hyperParameters()).append('\n')
                .append(splitSha256).append('\n').append(Hashing.sha256(tokenizerFile));
        datasets.forEach(d -> key.append('\n').append(d.getName()).append(' ').append(d.getManifestSha256()));
        this.identity = Hashing.sha256(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    String identity() {
        return identity;
    }

    private Map<String, String> hyperParameters() {
        Map<String, String> values = new TreeMap<>();
        values.put("epochs", Integer.toString(settings.epochs()));
        values.put("batch_size", Integer.toString(settings.batchSize()));
        values.put("learning_rate", Float.toString(settings.learningRate()));
        values.put("warmup_fraction", Float.toString(settings.warmupFraction()));
        values.put("weight_decay", Float.toString(settings.weightDecay()));
        values.put("max_grad_norm", Float.toString(settings.maxGradNorm()));
        values.put("shuffle_buffer", Integer.toString(settings.shuffleBuffer()));
        values.put("seed", Long.toString(settings.seed()));
        return values;
    }

    void finish(ClipTrainer.Result result, CaptionTokenizer tokenizer, ImagePreprocessor preprocessor,
            List<Path> probeDatasets, String probeTemplate, boolean withActivations, NDManager manager,
            PrintStream progress) throws IOException {
        ClipModel model = result.model();
        writeTsv(out.resolve("metrics_steps.tsv"), ClipTrainer.STEP_METRICS_HEADER, result.finalState().stepMetrics());
        writeTsv(out.resolve("metrics_epochs.tsv"), ClipTrainer.EPOCH_METRICS_HEADER, result.finalState().epochMetrics());
        byte[] weights = model.weights().toNDList().encode();
        AtomicFiles.write(out.resolve("weights.ndlist"), stream -> stream.write(weights));
        OnnxExporter.exportImageTower(model, out.resolve(IMAGE_MODEL), withActivations);
        OnnxExporter.exportTextTower(model, out.resolve(TEXT_MODEL), withActivations);

        Map<String, Double> evaluation = new TreeMap<>();
        for (Path dataset : probeDatasets) {
            ZeroShotProbe.Score score = ZeroShotProbe.top1(model, tokenizer, preprocessor, dataset, probeTemplate, manager);
            evaluation.put("zero_shot_top1/" + score.dataset(), score.top1());
            progress.printf("[train] zero-shot top-1 on %s ('%s'): %.3f (%d images)%n", score.dataset(), probeTemplate,
                    score.top1(), score.examples());
        }
        if (result.truncatedCaptions() > 0) {
            progress.printf("[train] %d caption(s) longer than the context (%d tokens) were truncated%n",
                    result.truncatedCaptions(), tokenizer.contextLength());
        }
        AvroJson.write(out.resolve(CARD), card(model, result, evaluation, withActivations));
        progress.printf("[train] wrote %s, %s, %s and %s to %s%n", IMAGE_MODEL, TEXT_MODEL, tokenizerFile.getFileName(), CARD, out);
    }

    private ModelCard card(ClipModel model, ClipTrainer.Result result, Map<String, Double> evaluation,
            boolean withActivations) throws IOException {
        List<CardFile> files = new ArrayList<>();
        for (String name : List.of(IMAGE_MODEL, TEXT_MODEL, tokenizerFile.getFileName().toString())) {
            Path file = out.resolve(name);
            files.add(new CardFile(name, Files.size(file), Hashing.sha256(file)));
        }
        int imageBlocks = model.config().isVit() ? model.config().image().layers() : model.config().image().widths().size();
        TrainingRecord training = TrainingRecord.newBuilder()
                .setSplitSha256(splitSha256)
                .setDatasets(datasets)
                .setExamples(data.count())
                .setSeed(settings.seed())
                .setEpochs(result.finalState().epochsDone())
                .setSteps(result.finalState().step())
                .setFinalLoss(result.finalState().lastLoss())
                .setTruncatedCaptions(result.truncatedCaptions())
                .setSettings(hyperParameters())
                .build();
        Map<String, String> software = new TreeMap<>();
        software.put("clipdg", ClipdgVersion.get());
        software.put("djl", Engine.getDjlVersion());
        software.put("pytorch", Engine.getInstance().getVersion());
        software.put("java", System.getProperty("java.version"));
        return ModelCard.newBuilder()
                .setName(model.config().name())
                .setArchitecture(model.config().toJson())
                .setImageModel(IMAGE_MODEL)
                .setTextModel(TEXT_MODEL)
                .setTokenizer(tokenizerFile.getFileName().toString())
                .setImageSize(model.config().image().size())
                .setInterpolation("bicubic")
                .setMean(toList(model.config().image().mean()))
                .setStd(toList(model.config().image().std()))
                .setEmbedDim(model.config().embedDim())
                .setContextLength(model.config().text().contextLength())
                .setImageActivations(blockNames(withActivations ? imageBlocks : 0))
                .setTextActivations(blockNames(withActivations ? model.config().text().layers() : 0))
                .setFiles(files)
                .setTraining(training)
                .setEvaluation(evaluation)
                .setSoftware(software)
                .build();
    }

    private static void writeTsv(Path file, String header, List<String> rows) throws IOException {
        AtomicFiles.writeString(file, header + "\n" + String.join("\n", rows) + (rows.isEmpty() ? "" : "\n"));
    }

    private static List<String> blockNames(int blocks) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            names.add("block_" + i);
        }
        return names;
    }

    private static List<Float> toList(float[] values) {
        List<Float> list = new ArrayList<>();
        for (float value : values) {
            list.add(value);
        }
        return list;
    }
}
