package org.clipdg.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every tensor of a model by name, in creation order: trainable weights and buffers (batch-norm
 * running statistics). Names are the contract shared by checkpoints, the ONNX exporter and tests.
 */
public final class Weights {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Boolean> trainable = new LinkedHashMap<>();

    void add(String name, Shape shape, Initializer initializer, boolean isTrainable) {
        if (parameters.containsKey(name)) {
            throw new IllegalStateException("duplicate weight " + name);
        }
        Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(shape)
                .optInitializer(initializer).optRequiresGrad(isTrainable).build();
        parameters.put(name, parameter);
        trainable.put(name, isTrainable);
    }

    /** Allocates every tensor with its initializer; call after seeding the engine for reproducible weights. */
    public void initialize(NDManager manager) {
        parameters.forEach((name, parameter) -> {
            parameter.initialize(manager, DataType.FLOAT32);
            parameter.getArray().setName(name);
        });
    }

    /** Every tensor, named, for checkpoints. */
    public NDList toNDList() {
        return new NDList(arrays().values());
    }

    /** Overwrites every tensor with the same-named array of {@code saved}; all names must match. */
    public void load(NDList saved, String source) {
        if (saved.size() != parameters.size()) {
            throw new IllegalArgumentException(source + ": " + saved.size() + " tensors, the model has " + parameters.size());
        }
        for (NDArray array : saved) {
            NDArray target = get(array.getName());
            if (!target.getShape().equals(array.getShape())) {
                throw new IllegalArgumentException(source + ": " + array.getName() + " has shape " + array.getShape()
                        + ", the model expects " + target.getShape());
            }
            array.copyTo(target);
        }
    }

    public NDArray get(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no weight named " + name);
        }
        return parameter.getArray();
    }

    /**
     * A sub-manager of {@code parent} that temporarily owns every weight: arrays computed from the
     * weights during a step land in it and are freed when it closes, while the weights return to
     * their own manager. Without it, each step's intermediates would pile up in the model's manager.
     */
    public NDManager scope(NDManager parent) {
        NDManager scope = parent.newSubManager();
        for (Parameter parameter : parameters.values()) {
            scope.tempAttachAll(parameter.getArray());
        }
        return scope;
    }

    public boolean isTrainable(String name) {
        return trainable.get(name);
    }

    /** Name -> tensor, in creation order. */
    public Map<String, NDArray> arrays() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        parameters.forEach((name, parameter) -> arrays.put(name, parameter.getArray()));
        return Collections.unmodifiableMap(arrays);
    }

    public long trainableCount() {
        return parameters.entrySet().stream().filter(e -> trainable.get(e.getKey()))
                .mapToLong(e -> e.getValue().getArray().size()).sum();
    }
}
