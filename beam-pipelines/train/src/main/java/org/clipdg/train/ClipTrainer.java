package org.clipdg.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clipdg.core.text.CaptionTokenizer;
import org.clipdg.train.checkpoint.Checkpoint;
import org.clipdg.train.checkpoint.CheckpointStore;
import org.clipdg.train.data.CloseableIterator;
import org.clipdg.train.data.Example;
import org.clipdg.train.data.TrainingExamples;
import org.clipdg.train.model.ClipModel;
import org.clipdg.train.optim.AdamW;
import org.clipdg.train.optim.CosineSchedule;

/**
 * Trains a {@link ClipModel} with symmetric InfoNCE and AdamW under a warm-up + cosine schedule,
 * checkpointing after every epoch. A run that finds a checkpoint of the same identity continues
 * from it; with a fixed seed on CPU the result equals an uninterrupted run (data order depends
 * only on seed and epoch, and weights and optimiser moments are restored exactly).
 */
public final class ClipTrainer {
    public static final String STEP_METRICS_HEADER = "step\tepoch\tloss\tlearning_rate\tgrad_norm\tlogit_scale\timages_per_s";
    public static final String EPOCH_METRICS_HEADER = "epoch\tsteps\tmean_loss\tseconds";
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final TrainSettings settings;
    private final PrintStream progress;

    public ClipTrainer(TrainSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public record Result(ClipModel model, Checkpoint finalState, int truncatedCaptions) {}

    public Result train(TrainingExamples data, CaptionTokenizer tokenizer, CheckpointStore checkpoints,
            NDManager manager) throws IOException, TrainingException {
        int examples = data.count();
        if (examples < 2) {
            throw new TrainingException("the training split has " + examples + " example(s); the contrastive loss needs"
                    + " at least 2 (check the datasets and the whitelist)");
        }
        int batchSize = Math.min(settings.batchSize(), examples);
        long stepsPerEpoch = examples / batchSize;
        long totalSteps = stepsPerEpoch * settings.epochs();
        CosineSchedule schedule = new CosineSchedule(settings.learningRate(),
                Math.max(1, Math.round(totalSteps * settings.warmupFraction())), totalSteps);

        Engine.getInstance().setRandomSeed((int) settings.seed());
        ClipModel model = new ClipModel(settings.model(), tokenizer.vocabSize());
        model.initialize(manager);
        AdamW optimizer = new AdamW(AdamW.Settings.clipDefaults(settings.weightDecay(), settings.maxGradNorm()), manager);
        Checkpoint state = resume(checkpoints, model, optimizer, manager);
        progress.printf("[train] %s: %,d examples, %d steps/epoch of %d, %,d trainable weights, epochs %d..%d%n",
                settings.model().name(), examples, stepsPerEpoch, batchSize, model.weights().trainableCount(),
                state.epochsDone() + 1, settings.epochs());
        progress.printf("[train] checkpoints after every epoch in %s%n", checkpoints.dir());

        List<String> stepMetrics = new ArrayList<>(state.stepMetrics());
        List<String> epochMetrics = new ArrayList<>(state.epochMetrics());
        long step = state.step();
        float lastLoss = state.lastLoss();
        int truncated = 0;
        long trainingStarted = System.nanoTime();
        long stepsThisRun = 0;
        for (int epoch = state.epochsDone(); epoch < settings.epochs(); epoch++) {
            long epochStarted = System.nanoTime();
            long lastReport = epochStarted;
            double lossSum = 0;
            long epochSteps = 0;
            try (CloseableIterator<List<Example>> batches = data.epochBatches(epoch, batchSize, settings.threads())) {
                while (epochSteps < stepsPerEpoch && batches.hasNext()) {
                    List<Example> batch = batches.next();
                    if (batch.size() < batchSize) {
                        break;
                    }
                    long stepStarted = System.nanoTime();
                    float learningRate = schedule.at(step);
                    Batch inputs = Batch.of(batch, tokenizer);
                    truncated += inputs.truncated();
                    float loss = forwardBackward(model, inputs, manager);
                    if (!Float.isFinite(loss)) {
                        throw new TrainingException(String.format("loss became %s at epoch %d, step %d (learning rate"
                                + " %.3g); the last good checkpoint (after epoch %d) stays in %s. Lower --lr or"
                                + " --grad_clip, or check the data.", loss, epoch + 1, step, learningRate, epoch,
                                checkpoints.dir()));
                    }
                    float gradNorm = optimizer.step(model.weights(), learningRate);
                    model.clampLogitScale();
                    double seconds = (System.nanoTime() - stepStarted) / 1e9;
                    lossSum += loss;
                    lastLoss = loss;
                    epochSteps++;
                    stepsThisRun++;
                    if (step % settings.logEvery() == 0) {
                        stepMetrics.add(String.format("%d\t%d\t%.6f\t%.6g\t%.4f\t%.4f\t%.1f", step, epoch + 1, loss,
                                learningRate, gradNorm, model.weights().get("logit_scale").getFloat(), batchSize / seconds));
                    }
                    step++;
                    if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                        lastReport = System.nanoTime();
                        report(epoch, epochSteps, stepsPerEpoch, loss, learningRate, batchSize, trainingStarted,
                                stepsThisRun, totalSteps - step);
                    }
                }
            }
            double epochSeconds = (System.nanoTime() - epochStarted) / 1e9;
            epochMetrics.add(String.format("%d\t%d\t%.6f\t%.1f", epoch + 1, epochSteps, lossSum / epochSteps, epochSeconds));
            progress.printf("[train] epoch %d/%d: mean loss %.4f, %.0f s%n", epoch + 1, settings.epochs(),
                    lossSum / epochSteps, epochSeconds);
            state = new Checkpoint(epoch + 1, step, lastLoss, stepMetrics, epochMetrics);
            checkpoints.save(state, model.weights().toNDList(), optimizer.state());
        }
        return new Result(model, state, truncated);
    }

    private Checkpoint resume(CheckpointStore checkpoints, ClipModel model, AdamW optimizer, NDManager manager)
            throws IOException, TrainingException {
        Optional<Path> latest = checkpoints.latest();
        if (latest.isEmpty()) {
            return new Checkpoint(0, 0, Float.NaN, List.of(), List.of());
        }
        Path dir = latest.get();
        try {
            model.weights().load(checkpoints.weights(dir, manager), dir.toString());
            optimizer.restore(checkpoints.optimizer(dir, manager));
            Checkpoint state = checkpoints.state(dir);
            progress.printf("[train] resuming from %s (epoch %d done, step %d)%n", dir, state.epochsDone(), state.step());
            return state;
        } catch (IOException | IllegalArgumentException e) {
            throw new TrainingException("cannot resume from checkpoint " + dir + ": " + e.getMessage()
                    + " (delete it to start over)");
        }
    }

    private static float forwardBackward(ClipModel model, Batch inputs, NDManager manager) {
        try (NDManager scope = model.weights().scope(manager);
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            // A copy in memory PyTorch allocates: DJL's array wraps a Java buffer whose alignment changes from
            // process to process, and BLAS may round differently on differently aligned data.
            NDArray images = scope.create(inputs.pixels(), inputs.imageShape()).duplicate();
            NDArray ids = scope.create(inputs.ids(), inputs.idShape());
            NDArray loss = model.contrastiveLoss(images, ids);
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    private void report(int epoch, long epochStep, long stepsPerEpoch, float loss, float learningRate, int batchSize,
            long started, long stepsThisRun, long stepsLeft) {
        double perStep = (System.nanoTime() - started) / 1e9 / stepsThisRun;
        progress.printf("[train] epoch %d/%d step %d/%d loss %.4f lr %.3g %.0f images/s ETA %s%n", epoch + 1,
                settings.epochs(), epochStep, stepsPerEpoch, loss, learningRate, batchSize / perStep,
                formatDuration(perStep * stepsLeft));
    }

    private static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }

    /** One batch as flat arrays: images (B, 3, S, S) and token ids (B, context). */
    record Batch(float[] pixels, Shape imageShape, long[] ids, Shape idShape, int truncated) {
        static Batch of(List<Example> examples, CaptionTokenizer tokenizer) {
            int batch = examples.size();
            int imageSize = examples.get(0).pixels().length;
            float[] pixels = new float[batch * imageSize];
            int context = tokenizer.contextLength();
            long[] ids = new long[batch * context];
            int truncated = 0;
            for (int i = 0; i < batch; i++) {
                Example example = examples.get(i);
                System.arraycopy(example.pixels(), 0, pixels, i * imageSize, imageSize);
                CaptionTokenizer.Encoded encoded = tokenizer.encode(example.caption());
                System.arraycopy(encoded.ids(), 0, ids, i * context, context);
                truncated += encoded.truncated() ? 1 : 0;
            }
            int side = (int) Math.round(Math.sqrt(imageSize / 3.0));
            return new Batch(pixels, new Shape(batch, 3, side, side), ids, new Shape(batch, context), truncated);
        }
    }
}
