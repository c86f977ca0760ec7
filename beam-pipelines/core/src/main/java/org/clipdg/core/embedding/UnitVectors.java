package org.clipdg.core.embedding;

/** Embeddings live on the unit sphere: cosine similarity is then a dot product. */
public final class UnitVectors {
    private UnitVectors() {}

    /**
     * {@code vector / |vector|} with the norm accumulated in double, or null when the vector has no
     * direction (zero or non-finite norm). The one normalisation every embedding goes through.
     */
    public static float[] l2Normalised(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        double norm = Math.sqrt(sum);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            return null;
        }
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] / norm);
        }
        return out;
    }
}
