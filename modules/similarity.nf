// Train-test similarity (docs/science.md, 'Pruning'; docs/usage.md, 'Similarity and pruning'), scattered
// over params.similarity_chunks tasks: the thresholds t(q) of every test point against the reference set
// once, then each chunk of the pool's shards against every test set (per pool sample its nearest test
// point per test set and its similarity-matched verdict, per test point its top-k within the chunk), and
// one merge that writes exactly the files a single pass (clipdg similarity) writes. Exact (BLAS inner
// products) by default. Memory per task: the test sets and one pool shard, whatever the pool size.

process SIMILARITY_THRESHOLDS {
    tag "${[tests].flatten().size()} test set(s)"
    label 'process_medium'

    input:
    path tests, stageAs: 'test/*'
    path reference, stageAs: 'reference/*'
    val clipdg_sha256

    output:
    path 'thresholds', type: 'dir', emit: thresholds

    script:
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    clipdg similarity-thresholds \\
        --test ${[tests].flatten().join(' ')} \\
        --reference ${[reference].flatten().join(' ')} \\
        --threads ${task.cpus} \\
        --out thresholds
    """
}

process SIMILARITY_CHUNK {
    tag "chunk ${chunk}/${chunks}"
    label 'process_medium'

    input:
    tuple val(chunk), val(chunks)
    path pool, stageAs: 'pool/*'
    path tests, stageAs: 'test/*'
    path thresholds, stageAs: 'thresholds/*'
    val clipdg_sha256

    output:
    path "chunk-${String.format('%05d', chunk)}", type: 'dir', emit: part

    script:
    def given = [thresholds].flatten().findAll { it }
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    clipdg similarity-chunk \\
        --chunk ${chunk}/${chunks} \\
        --pool ${[pool].flatten().join(' ')} \\
        --test ${[tests].flatten().join(' ')} \\
        ${given ? '--thresholds ' + given.join(' ') : ''} \\
        --k ${params.similarity_k} \\
        --index '${params.similarity_index}' \\
        --candidates ${params.similarity_candidates} \\
        --nprobe ${params.similarity_nprobe} \\
        --candidate-cap ${params.candidate_cap} \\
        --cap-chunk ${params.cap_chunk} \\
        --threads ${task.cpus} \\
        --out chunk-${String.format('%05d', chunk)}
    """
}

process SIMILARITY_MERGE {
    tag "${[parts].flatten().size()} chunk(s)"
    label 'process_medium'
    publishDir "${params.outdir}", mode: params.publish_dir_mode

    input:
    path parts, stageAs: 'chunks/*'
    path tests, stageAs: 'test/*'
    path thresholds, stageAs: 'thresholds/*'
    val clipdg_sha256

    output:
    path 'similarity', type: 'dir', emit: results
    path 'similarity/manifest.json', emit: manifest

    script:
    def given = [thresholds].flatten().findAll { it }
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    clipdg similarity-merge \\
        --chunks ${[parts].flatten().join(' ')} \\
        --test ${[tests].flatten().join(' ')} \\
        ${given ? '--thresholds ' + given.join(' ') : ''} \\
        --out similarity
    """
}

workflow SIMILARITY {
    take:
    pool          // every pool dataset's embeddings, sorted by name
    tests         // every test set's, sorted by name
    reference     // the reference set's (maybe none)
    clipdg_sha256

    main:
    // No reference set: no thresholds, and no pool sample is similarity-matched.
    SIMILARITY_THRESHOLDS(tests, reference.filter { it }, clipdg_sha256)
    def thresholds = SIMILARITY_THRESHOLDS.out.thresholds.toList()
    def chunks = params.similarity_chunks as int
    SIMILARITY_CHUNK(Channel.of(0..<chunks).map { [it, chunks] }, pool, tests, thresholds, clipdg_sha256)
    // Sorted, so a resumed run stages the same list and reuses the task.
    SIMILARITY_MERGE(SIMILARITY_CHUNK.out.part.toSortedList { it.name }, tests, thresholds, clipdg_sha256)

    emit:
    results  = SIMILARITY_MERGE.out.results
    manifest = SIMILARITY_MERGE.out.manifest
}
