package org.clipdg.domains.splits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.DomainThresholdSets;
import org.clipdg.domains.LabelRule;
import org.clipdg.domains.classifier.DataSplit;
import org.clipdg.domains.classifier.StrictThreshold;
import org.clipdg.domains.prevalence.PrevalenceEstimate;
import org.clipdg.domains.prevalence.PriorAdjustment;
import org.clipdg.schema.DomainClassifierCard;

/**
 * Strict labels that hold on the pool (docs/science.md, "Domain labelling"). Precision depends on how
 * common each domain is, so strict thresholds calibrated at the labelled data's domain mix miss
 * their target on a pool of another mix. The pool's prevalence of each class is estimated by EM from
 * the classifier's outputs on it, with the train split's class shares as the prior the classifier
 * learned; each strict threshold is then chosen again by the same rule on the validation split, with
 * every sample weighted by {@code w(y) = prevalence_pool(y) / prior_validation(y)}, so that its
 * precision is the one expected at the pool's mix.
 *
 * @param prevalence  the pool's estimate, in the order of {@code heldOut.classes()}
 * @param poolRule    the calibrated rule with the pool-adjusted thresholds; empty when the target is unreachable
 * @param unreachable why it is, or ""
 */
record PoolAdjustment(HeldOutSplits heldOut, double targetPrecision, PrevalenceEstimate prevalence, LabelRule calibratedRule,
        Optional<LabelRule> poolRule, String unreachable) {
    static final int RESAMPLES = 200;

    static PoolAdjustment of(HeldOutSplits heldOut, DomainClassifierCard card, List<LabelledSample> pool, long seed) {
        List<String> classes = heldOut.classes();
        float[] posteriors = new float[pool.size() * classes.size()];
        for (int i = 0; i < pool.size(); i++) {
            for (int c = 0; c < classes.size(); c++) {
                posteriors[i * classes.size() + c] = (float) pool.get(i).probabilityOf(classes.get(c));
            }
        }
        PrevalenceEstimate prevalence = PrevalenceEstimate.of(new PriorAdjustment(posteriors, heldOut.trainPrior()), RESAMPLES,
                seed);
        double[] weights = weights(prevalence, heldOut.validation(), classes);
        double target = card.getTargetPrecision();
        LabelRule calibrated = LabelRule.of(classes, card.getStrictThresholds());
        try {
            Map<String, Double> thresholds = new LinkedHashMap<>();
            for (String label : List.of(DomainLabels.NATURAL, DomainLabels.RENDITION)) {
                thresholds.put(label, threshold(heldOut, weights, target, label));
            }
            return new PoolAdjustment(heldOut, target, prevalence, calibrated, Optional.of(LabelRule.of(classes, thresholds)), "");
        } catch (StrictThreshold.UnreachableTarget e) {
            return new PoolAdjustment(heldOut, target, prevalence, calibrated, Optional.empty(), e.getMessage());
        }
    }

    /** Each class's importance weight on a held-out split: its pool prevalence over its share there; NaN where it has none. */
    private static double[] weights(PrevalenceEstimate prevalence, HeldOutSplits.HeldOut split, List<String> classes) {
        double[] prior = split.prior(classes);
        double[] weights = new double[prior.length];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = prior[c] > 0 ? prevalence.prevalence()[c] / prior[c] : Double.NaN;
        }
        return weights;
    }

    double[] validationWeights() {
        return weights(prevalence, heldOut.validation(), heldOut.classes());
    }

    private static double threshold(HeldOutSplits heldOut, double[] weights, double target, String label) {
        HeldOutSplits.HeldOut validation = heldOut.validation();
        int n = validation.samples().size();
        float[] scores = new float[n];
        boolean[] positive = new boolean[n];
        double[] sampleWeights = new double[n];
        for (int i = 0; i < n; i++) {
            String truth = validation.truth().get(i);
            scores[i] = (float) validation.samples().get(i).probabilityOf(label);
            positive[i] = truth.equals(label);
            sampleWeights[i] = weights[heldOut.classes().indexOf(truth)];
        }
        return StrictThreshold.select(scores, positive, sampleWeights, target, DomainThresholdSets.STRICT_POOL + " " + label
                + " threshold on the validation split weighted to the pool's estimated prevalence").threshold();
    }

    /** The precision of {@code rule}'s strict labels on each held-out split, weighted to the pool's prevalence. */
    HeldOutPrecision atPoolPrevalence(LabelRule rule) {
        return (split, label) -> weightedPrecision(split.equals(DataSplit.TEST) ? heldOut.test() : heldOut.validation(), rule,
                label);
    }

    private Optional<Proportion> weightedPrecision(HeldOutSplits.HeldOut split, LabelRule rule, String label) {
        double[] weights = weights(prevalence, split, heldOut.classes());
        double weightSum = 0;
        double weightSquareSum = 0;
        double correct = 0;
        for (int i = 0; i < split.samples().size(); i++) {
            LabelledSample sample = split.samples().get(i);
            if (!rule.strictLabel(sample.pNatural(), sample.pRendition()).equals(label)) {
                continue;
            }
            String truth = split.truth().get(i);
            double weight = weights[heldOut.classes().indexOf(truth)];
            weightSum += weight;
            weightSquareSum += weight * weight;
            correct += truth.equals(label) ? weight : 0;
        }
        return weightSum > 0 ? Optional.of(Proportion.weighted(correct, weightSum, weightSquareSum)) : Optional.empty();
    }
}
