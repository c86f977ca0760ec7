package org.clipdg.domains.splits;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "domain-splits", mixinStandardHelpOptions = true,
        description = {"Domain subsets of the training pool from the domain classifier's labels (docs/science.md, 'Domain"
                + " labelling'): natural-only, rendition-only, rendition:natural mixtures of a fixed total and fixed"
                + " naturals plus k added renditions; the DG/CG domain-mixture splits from the pool's ground truth"
                + " (docs/science.md, 'Domain mixtures (DG and CG)'); clean test sets; and each dataset's domain composition.",
                "The pool's domain prevalence is estimated by EM from the classifier's outputs on it, and the strict"
                        + " thresholds are chosen again for it on the labelled data's validation split (training_data.tsv of"
                        + " --classifier), weighted to that prevalence: the pool's strict subsets use these (strict_pool).",
                "Writes splits/<name>.tsv and splits.tsv (pool splits), clean_tests/<test set>.tsv and clean_tests.tsv,"
                        + " composition.tsv, prevalence.tsv and manifest.json (last).",
                "Without --labels and --classifier (no classifier reached its target precision, or none was trained) only"
                        + " the domain-mixture splits and the ground-truth composition are made."})
public final class DomainSplitsCommand implements Callable<Integer> {
    @Option(names = "--labels", arity = "1..*", paramLabel = "DIR",
            description = "Domain-label folders, one per dataset (pool, test sets, reference, labelled); with --classifier.")
    List<Path> labels;

    @Option(names = "--datasets", required = true, arity = "1..*", paramLabel = "DIR",
            description = "The same datasets' ingested folders: role, default domain and per-sample ground truth."
                    + " Exactly one must have role pool.")
    List<Path> datasets;

    @Option(names = "--classifier", paramLabel = "DIR",
            description = "Folder of the classifier_card.json that made the labels; with --labels.")
    Path classifier;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--thresholds", defaultValue = "strict_pool", paramLabel = "strict_pool|strict|default",
            description = "Label set that defines the pool subsets: strict_pool (the strict thresholds adjusted to the pool's"
                    + " estimated prevalence; no label subsets when no threshold reaches the target there), strict (the"
                    + " thresholds calibrated on the labelled data) or default (argmax). Clean test sets always use the"
                    + " calibrated strict thresholds. Default: ${DEFAULT-VALUE}.")
    String thresholds;

    @Option(names = "--mix-ratios", defaultValue = "1:3,1:1", paramLabel = "LIST",
            description = "rendition:natural ratios of the mixtures, e.g. 1:3,1:1,3:1; '' for none. Default: ${DEFAULT-VALUE}.")
    String mixRatios;

    @Option(names = "--mix-total", defaultValue = "0", paramLabel = "N",
            description = "Total of every mixture; 0: the largest that every ratio can meet. Default: ${DEFAULT-VALUE}.")
    int mixTotal;

    @Option(names = "--add-renditions", defaultValue = "", paramLabel = "LIST",
            description = "Counts k of renditions added to fixed naturals, e.g. 0,100,400. Default: none.")
    String addRenditions;

    @Option(names = "--natural-base", defaultValue = "0", paramLabel = "N",
            description = "Naturals kept fixed in the added-rendition splits (the first in seeded order); 0: all."
                    + " Default: ${DEFAULT-VALUE}.")
    int naturalBase;

    @Option(names = "--mixture-domains", paramLabel = "LIST",
            description = "Test domains of the DG/CG domain-mixture splits, e.g. sketch,clipart; '' for none."
                    + " Default: every rendition domain of the pool's ground truth.")
    String mixtureDomains;

    @Option(names = "--heldout-classes", paramLabel = "LIST",
            description = "Held-out classes C of the domain-mixture splits, ';'-separated. Default: a seeded half of the"
                    + " pool's classes.")
    String heldOutClasses;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of every subsample, of the default held-out"
            + " classes and of the prevalence's bootstrap. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if ((labels == null) != (classifier == null)) {
            throw new IllegalArgumentException("--labels and --classifier go together: the labels are the classifier's"
                    + " (give neither for the ground-truth splits only)");
        }
        if ("".equals(heldOutClasses)) {
            throw new IllegalArgumentException("--heldout-classes needs at least one class");
        }
        DomainSplitsPlan plan = new DomainSplitsPlan(Thresholds.parse(thresholds), MixRatio.parseList(mixRatios), mixTotal,
                OptionLists.counts("--add-renditions", addRenditions), naturalBase,
                mixtureDomains == null ? null : OptionLists.names("--mixture-domains", mixtureDomains, ","),
                heldOutClasses == null ? null : OptionLists.names("--heldout-classes", heldOutClasses, ";"), seed);
        DomainSplitInputs inputs = labels == null ? DomainSplitInputs.groundTruth(datasets, System.err)
                : DomainSplitInputs.load(labels, datasets, classifier, System.err);
        new DomainSplitsWriter(System.err).write(inputs, plan, out);
        return 0;
    }
}
