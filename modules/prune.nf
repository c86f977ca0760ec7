// Splits of the training pool as deterministic whitelists (clipdg prune --help): similarity-matched
// per test set and combined, near- and far-pruned to target sizes, random subsets of those sizes,
// the whole pool ('all') and, with params.dedup_eps > 0, SemDeDup-style deduplication.
process PRUNE {
    label 'process_low'
    publishDir "${params.outdir}", mode: params.publish_dir_mode

    input:
    path similarity, stageAs: 'input/*'
    path pool_embeddings, stageAs: 'pool/*'
    val clipdg_sha256

    output:
    path 'pruning', type: 'dir', emit: results
    path 'pruning/splits/*.tsv', emit: splits

    script:
    def sizes = ClipdgParams.listValue(params.prune_sizes) ? "--sizes ${params.prune_sizes.toString().replace(' ', '')}" : ''
    def dedup = params.dedup_eps > 0 ? "--dedup-eps ${params.dedup_eps} --dedup-clusters ${params.dedup_clusters} --pool-embeddings ${[pool_embeddings].flatten().join(' ')}" : ''
    """
    clipdg prune \\
        --similarity ${similarity} \\
        ${params.prune_matched ? '--matched' : '--no-matched'} \\
        ${sizes} \\
        --score-sets '${params.prune_score_sets}' \\
        --seed ${params.seed} \\
        ${dedup} \\
        --threads ${task.cpus} \\
        --out pruning
    """
}
