// Domain composition per dataset and the domain splits (clipdg domain-splits --help): natural-only,
// rendition-only, rendition:natural mixtures, naturals plus added renditions, the DG/CG domain
// mixtures from ground-truth domains, and clean test sets. The pool's strict subsets use the strict
// thresholds adjusted to its estimated domain prevalence (prevalence.tsv); the classifier folder's
// training_data.tsv and the labelled datasets' labels rebuild the validation split for that. Pool
// splits feed TRAIN_CLIP. Without a classifier (labels and classifier empty) only the ground-truth
// splits and composition are made.
process DOMAIN_SPLITS {
    label 'process_low'
    publishDir "${params.outdir}/domains", mode: params.publish_dir_mode

    input:
    path labels, stageAs: 'labels/*'
    path datasets, stageAs: 'datasets/*'
    path classifier, stageAs: 'classifier/*'
    val clipdg_sha256

    output:
    path 'splits', type: 'dir', emit: results
    path 'splits/splits/*.tsv', optional: true, emit: splits

    script:
    def optional = { name, value -> value == null ? '' : "${name} '${value}'" }
    def classified = [classifier].flatten() ? "--labels ${[labels].flatten().join(' ')} --classifier ${classifier}" : ''
    """
    clipdg domain-splits \\
        ${classified} \\
        --datasets ${[datasets].flatten().join(' ')} \\
        --thresholds ${params.domain_thresholds} \\
        --mix-ratios '${ClipdgParams.listValue(params.mix_ratios) ?: ''}' \\
        --mix-total ${params.mix_total} \\
        --add-renditions '${ClipdgParams.listValue(params.add_renditions) ?: ''}' \\
        --natural-base ${params.natural_base} \\
        ${optional('--mixture-domains', ClipdgParams.listValue(params.mixture_domains))} \\
        ${optional('--heldout-classes', params.heldout_classes)} \\
        --seed ${params.seed} \\
        --out splits
    """
}
