package org.clipdg.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clipdg.train.model.Weights;

/**
 * AdamW (decoupled weight decay) with global-norm gradient clipping. Its moments are plain named
 * arrays so a checkpoint restores them exactly. As in OpenCLIP, weights with fewer than two
 * dimensions (biases, norms, the class token, the temperature) are not decayed.
 */
public final class AdamW {
    public record Settings(float beta1, float beta2, float epsilon, float weightDecay, float maxGradNorm) {
        public static Settings clipDefaults(float weightDecay, float maxGradNorm) {
            return new Settings(0.9f, 0.98f, 1e-6f, weightDecay, maxGradNorm);
        }
    }

    private final Settings settings;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long updates;

    public AdamW(Settings settings, NDManager manager) {
        this.settings = settings;
        this.manager = manager;
    }

    /** Clips the gradients to the global norm, applies one update; returns the gradient norm before clipping. */
    public float step(Weights weights, float learningRate) {
        updates++;
        try (NDManager scope = weights.scope(manager)) {
            for (NDArray moment : firstMoments.values()) {
                scope.tempAttachAll(moment);
            }
            for (NDArray moment : secondMoments.values()) {
                scope.tempAttachAll(moment);
            }
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            weights.arrays().forEach((name, weight) -> {
                if (weights.isTrainable(name)) {
                    gradients.put(name, weight.getGradient());
                }
            });
            float norm = globalNorm(gradients);
            float clip = settings.maxGradNorm() > 0 && norm > settings.maxGradNorm() ? settings.maxGradNorm() / norm : 1f;
            double correction1 = 1 - Math.pow(settings.beta1(), updates);
            double correction2 = 1 - Math.pow(settings.beta2(), updates);
            gradients.forEach((name, gradient) -> {
                update(name, weights.arrays().get(name), gradient.mul(clip), learningRate, correction1, correction2);
                // PyTorch accumulates into .grad and DJL's collector does not reset it: zero it here.
                gradient.subi(gradient);
            });
            return norm;
        }
    }

    private void update(String name, NDArray weight, NDArray gradient, float learningRate, double correction1,
            double correction2) {
        NDArray m = firstMoments.computeIfAbsent(name, n -> zerosLike(weight));
        NDArray v = secondMoments.computeIfAbsent(name, n -> zerosLike(weight));
        m.muli(settings.beta1()).addi(gradient.mul(1 - settings.beta1()));
        v.muli(settings.beta2()).addi(gradient.square().muli(1 - settings.beta2()));
        NDArray denominator = v.div(correction2).sqrt().addi(settings.epsilon());
        NDArray change = m.div(correction1).divi(denominator);
        if (weight.getShape().dimension() >= 2 && settings.weightDecay() > 0) {
            change.addi(weight.mul(settings.weightDecay()));
        }
        weight.subi(change.muli(learningRate));
    }

    private NDArray zerosLike(NDArray weight) {
        NDArray zeros = manager.zeros(weight.getShape(), weight.getDataType());
        zeros.setName(weight.getName());
        return zeros;
    }

    private static float globalNorm(Map<String, NDArray> gradients) {
        double sum = 0;
        for (NDArray gradient : gradients.values()) {
            sum += gradient.square().sum().getFloat();
        }
        return (float) Math.sqrt(sum);
    }

    public long updates() {
        return updates;
    }

    /** The moments as named arrays ("m/<weight>", "v/<weight>") plus the update count, for checkpoints. */
    public NDList state() {
        NDList state = new NDList();
        NDArray count = manager.create(new long[] {updates});
        count.setName("updates");
        state.add(count);
        firstMoments.forEach((name, m) -> state.add(named(m, "m/" + name)));
        secondMoments.forEach((name, v) -> state.add(named(v, "v/" + name)));
        return state;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    public void restore(NDList state) {
        for (NDArray array : state) {
            String name = array.getName();
            if (name.equals("updates")) {
                updates = array.toLongArray()[0];
            } else if (name.startsWith("m/")) {
                firstMoments.put(name.substring(2), array);
            } else if (name.startsWith("v/")) {
                secondMoments.put(name.substring(2), array);
            } else {
                throw new IllegalArgumentException("unexpected optimizer state entry " + name);
            }
        }
    }
}
