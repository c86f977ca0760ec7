package org.clipdg.domains;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.clipdg.core.DomainLabels;

/**
 * How probabilities become domain labels (docs/science.md, "Domain labelling"). Default: the class of
 * highest probability (with two classes, p > 0.5). Strict: natural or rendition when its
 * probability reaches that class's strict threshold, else ambiguous. Exact ties, in either rule,
 * are ambiguous: the classifier cannot tell.
 */
public record LabelRule(List<String> classes, double strictNatural, double strictRendition) implements Serializable {
    public record Labels(float pNatural, float pRendition, String defaultLabel, String strictLabel) {}

    public LabelRule {
        classes = List.copyOf(classes);
        if (!classes.contains(DomainLabels.NATURAL) || !classes.contains(DomainLabels.RENDITION)) {
            throw new IllegalArgumentException("a domain classifier needs the classes natural and rendition, got " + classes);
        }
        for (String name : classes) {
            if (!List.of(DomainLabels.NATURAL, DomainLabels.AMBIGUOUS, DomainLabels.RENDITION).contains(name)) {
                throw new IllegalArgumentException("unknown domain class '" + name + "' (natural, ambiguous or rendition)");
            }
        }
    }

    public static LabelRule of(List<String> classes, Map<String, Double> strictThresholds) {
        return new LabelRule(classes, strictThresholds.get(DomainLabels.NATURAL), strictThresholds.get(DomainLabels.RENDITION));
    }

    /** The labels of row {@code row} of a row-major probability matrix with one column per class. */
    public Labels apply(float[] probabilities, int row) {
        int offset = row * classes.size();
        float natural = probabilities[offset + classes.indexOf(DomainLabels.NATURAL)];
        float rendition = probabilities[offset + classes.indexOf(DomainLabels.RENDITION)];
        return new Labels(natural, rendition, argmax(probabilities, offset), strictLabel(natural, rendition));
    }

    private String argmax(float[] probabilities, int offset) {
        int best = 0;
        boolean tie = false;
        for (int c = 1; c < classes.size(); c++) {
            float p = probabilities[offset + c];
            if (p > probabilities[offset + best]) {
                best = c;
                tie = false;
            } else if (p == probabilities[offset + best]) {
                tie = true;
            }
        }
        return tie ? DomainLabels.AMBIGUOUS : classes.get(best);
    }

    /** The strict label of a sample with these probabilities of natural and rendition. */
    public String strictLabel(float natural, float rendition) {
        // Thresholds are probabilities the model produced (floats): compare as floats, so a score equal to one passes it.
        boolean isNatural = natural >= (float) strictNatural;
        boolean isRendition = rendition >= (float) strictRendition;
        if (isNatural && isRendition) {
            // Thresholds below 0.5 can both be reached; the likelier class wins.
            return natural == rendition ? DomainLabels.AMBIGUOUS : natural > rendition ? DomainLabels.NATURAL : DomainLabels.RENDITION;
        }
        return isNatural ? DomainLabels.NATURAL : isRendition ? DomainLabels.RENDITION : DomainLabels.AMBIGUOUS;
    }
}
