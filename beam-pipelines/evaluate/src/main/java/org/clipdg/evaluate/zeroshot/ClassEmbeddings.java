package org.clipdg.evaluate.zeroshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.text.PromptTemplates;

/**
 * Zero-shot class embeddings (docs/science.md, "Evaluation"): per class, every template filled with the
 * class name is embedded and L2-normalised; the class embedding is their mean, renormalised.
 */
public final class ClassEmbeddings {
    private ClassEmbeddings() {}

    /** {@code [classes][dimension]} unit vectors, in the order of {@code classes}. */
    public static float[][] build(TextEncoder encoder, List<String> classes, List<String> templates) throws IOException {
        float[][] result = new float[classes.size()][];
        for (int c = 0; c < classes.size(); c++) {
            List<String> prompts = new ArrayList<>(templates.size());
            for (String template : templates) {
                prompts.add(PromptTemplates.fill(template, classes.get(c)));
            }
            float[][] embedded = encoder.embed(prompts);
            double[] sum = new double[embedded[0].length];
            for (int t = 0; t < embedded.length; t++) {
                double norm = norm(embedded[t]);
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    throw new IOException("prompt '" + prompts.get(t) + "' has a zero or non-finite text embedding");
                }
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += embedded[t][d] / norm;
                }
            }
            double norm = 0;
            for (double value : sum) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0)) {
                throw new IOException("class '" + classes.get(c) + "': its prompt embeddings cancel out (mean of zero length)");
            }
            result[c] = new float[sum.length];
            for (int d = 0; d < sum.length; d++) {
                result[c][d] = (float) (sum[d] / norm);
            }
        }
        return result;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }
}
