// Train-test similarity in one pass over the pool (clipdg similarity --help): per test point its
// reference threshold t(q) and top-k pool neighbours, per pool sample its nearest test point per
// test set and its similarity-matched pruning verdict. Exact (BLAS inner products) by default.
process SIMILARITY {
    tag "${[tests].flatten().size()} test set(s)"
    label 'process_medium'
    publishDir "${params.outdir}", mode: params.publish_dir_mode

    input:
    path pool, stageAs: 'pool/*'
    path tests, stageAs: 'test/*'
    path reference, stageAs: 'reference/*'
    val clipdg_sha256

    output:
    path 'similarity', type: 'dir', emit: results
    path 'similarity/manifest.json', emit: manifest

    script:
    def references = [reference].flatten().findAll { it }
    def heap = Math.max(512, (task.memory.toMega() * 3 / 4) as long)
    """
    export CLIPDG_JAVA_OPTS="-Xmx${heap}m"
    clipdg similarity \\
        --pool ${[pool].flatten().join(' ')} \\
        --test ${[tests].flatten().join(' ')} \\
        ${references ? '--reference ' + references.join(' ') : ''} \\
        --k ${params.similarity_k} \\
        --index '${params.similarity_index}' \\
        --candidates ${params.similarity_candidates} \\
        --nprobe ${params.similarity_nprobe} \\
        --candidate-cap ${params.candidate_cap} \\
        --cap-chunk ${params.cap_chunk} \\
        --threads ${task.cpus} \\
        --out similarity
    """
}
