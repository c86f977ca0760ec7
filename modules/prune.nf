// Splits of the training pool as deterministic whitelists (clipdg prune --help): similarity-matched
// per test set and combined, near- and far-pruned to target sizes, random subsets of those sizes,
// and the whole pool ('all').
process PRUNE {
    label 'process_low'
    publishDir "${params.outdir}", mode: params.publish_dir_mode

    input:
    path similarity, stageAs: 'input/*'
    val clipdg_sha256

    output:
    path 'pruning', type: 'dir', emit: results
    path 'pruning/splits/*.tsv', emit: splits

    script:
    def sizes = params.prune_sizes ? "--sizes ${params.prune_sizes}" : ''
    """
    clipdg prune \\
        --similarity ${similarity} \\
        ${params.prune_matched ? '--matched' : '--no-matched'} \\
        ${sizes} \\
        --score-sets '${params.prune_score_sets}' \\
        --seed ${params.seed} \\
        --out pruning
    """
}
