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

    /**
     * Clips the gradients to the global norm and applies one update with PyTorch's fused kernel
     * (through DJL): w <- w * (1 - lr * wd) - lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps),
     * which also zeroes the gradient (PyTorch accumulates, and DJL's collector does not reset it).
     * Returns the gradient norm before clipping.
     */
    public float step(Weights weights, float learningRate) {
        updates++;
        float corrected = (float) (learningRate * Math.sqrt(1 - Math.pow(settings.beta2(), updates))
                / (1 - Math.pow(settings.beta1(), updates)));
        try (NDManager scope = weights.scope(manager)) {
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            weights.arrays().forEach((name, weight) -> {
                if (weights.isTrainable(name)) {
                    gradients.put(name, weight.getGradient());
                }
            });
            float norm = globalNorm(gradients, scope);
            float rescale = settings.maxGradNorm() > 0 && norm > settings.maxGradNorm() ? settings.maxGradNorm() / norm : 1f;
            gradients.forEach((name, gradient) -> {
                NDArray weight = weights.arrays().get(name);
                NDArray m = firstMoments.computeIfAbsent(name, n -> zerosLike(weight));
                NDArray v = secondMoments.computeIfAbsent(name, n -> zerosLike(weight));
                float decay = weight.getShape().dimension() >= 2 ? settings.weightDecay() : 0f;
                weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, m, v), new NDList(weight), learningRate,
                        corrected, decay, rescale, -1f, settings.beta1(), settings.beta2(), settings.epsilon(), false, true);
            });
            return norm;
        }
    }

    private NDArray zerosLike(NDArray weight) {
        NDArray zeros = manager.zeros(weight.getShape(), weight.getDataType());
        zeros.setName(weight.getName());
        return zeros;
    }

    /** One synchronisation with the native side per step, not one per tensor. */
    private static float globalNorm(Map<String, NDArray> gradients, NDManager scope) {
        NDArray sum = scope.zeros(new ai.djl.ndarray.types.Shape());
        for (NDArray gradient : gradients.values()) {
            sum = sum.add(gradient.square().sum());
        }
        return (float) Math.sqrt(sum.getFloat());
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

    /**
     * Takes the moments of a checkpoint. They are copied into memory PyTorch allocates (aligned as
     * its kernels expect) and the decoded arrays, which live in Java buffers, are released.
     */
    public void restore(NDList state) {
        for (NDArray array : state) {
            String name = array.getName();
            if (name.equals("updates")) {
                updates = array.toLongArray()[0];
            } else if (name.startsWith("m/")) {
                firstMoments.put(name.substring(2), nativeCopy(array));
            } else if (name.startsWith("v/")) {
                secondMoments.put(name.substring(2), nativeCopy(array));
            } else {
                throw new IllegalArgumentException("unexpected optimizer state entry " + name);
            }
        }
    }

    private static NDArray nativeCopy(NDArray decoded) {
        NDArray copy = decoded.duplicate();
        decoded.close();
        return copy;
    }
}
