package org.clipdg.embed;

import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Groups images into inference batches of {@code batchSize}. Images are spread over
 * {@code lanes} keys (one per worker) so every worker fills its own batches; at the end each lane
 * flushes one partial batch, so at most {@code lanes x batchSize} images wait in memory.
 */
final class BatchImages extends PTransform<PCollection<ImageTensor>, PCollection<Iterable<ImageTensor>>> {
    private final int batchSize;
    private final int lanes;

    BatchImages(int batchSize, int lanes) {
        if (batchSize < 1 || lanes < 1) {
            throw new IllegalArgumentException("batch size and lanes must be >= 1, got " + batchSize + " and " + lanes);
        }
        this.batchSize = batchSize;
        this.lanes = lanes;
    }

    @Override
    public PCollection<Iterable<ImageTensor>> expand(PCollection<ImageTensor> images) {
        int laneCount = lanes;
        return images
                .apply("AssignLane", WithKeys.of((ImageTensor image) -> Math.floorMod(image.key().hashCode(), laneCount))
                        .withKeyType(TypeDescriptors.integers()))
                .apply("GroupIntoBatches", GroupIntoBatches.<Integer, ImageTensor>ofSize(batchSize))
                .apply("DropLane", Values.create())
                .setCoder(IterableCoder.of(new ImageTensor.Coder()));
    }

}
