package org.clipdg.train.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Maps images (batch, 3, size, size), normalised as the model card says, to (batch, embed_dim). */
interface ImageTower {

    /** {@code activations}, when not null, receives one pooled (batch, width) array per block. */
    NDArray encode(NDArray images, boolean training, List<NDArray> activations);
}
