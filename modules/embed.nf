// Embeds datasets' images with one model (clipdg embed --help): an Apache Beam pipeline on the
// DirectRunner or on Flink (params.beam_runner, params.flink_master). Several datasets in one task
// are runs of the same JVM (--then), which loads the model once: a split model embeds all the test
// sets in one task. Finished embeddings are kept in params.embedding_store, keyed by (dataset
// manifest sha256, model card sha256), so another run or study over the same data and model reuses
// them; an interrupted task resumes there shard by shard. A dataset with precomputed embeddings (a
// clip-retrieval layout in params.precomputed_embeddings/<dataset>/, staged under its name) is
// imported instead.
process EMBED {
    tag "${meta.model ? "${meta.model}/" : ''}${meta.name ?: "${[datasets].flatten().size()} dataset(s)"}"
    label params.device == 'cuda' ? 'process_gpu' : 'process_medium'
    // The similarity model's embeddings of every dataset; a trained split model's, of the test sets, under evaluation/.
    publishDir "${meta.model ? "${params.outdir}/evaluation/${meta.model}" : params.outdir}", mode: params.publish_dir_mode

    input:
    tuple val(meta), path(datasets, stageAs: 'input/*'), path(model, stageAs: 'model/*'), path(precomputed, stageAs: 'precomputed/*')
    val embedding_store
    val clipdg_sha256

    output:
    tuple val(meta), path('embeddings/*', type: 'dir'), emit: embeddings

    script:
    def heap = Math.max(512, (task.memory.toMega() * 3 / 4) as long)
    def flink = params.beam_runner == 'FlinkRunner' ? "--flinkMaster=${params.flink_master}" : ''
    def imports = [precomputed].flatten().findAll { it }.collectEntries { [(it.baseName): it] }
    def runs = [datasets].flatten().collect { dataset ->
        def imported = imports[dataset.baseName] ? "--precomputed=${imports[dataset.baseName]}" : ''
        "--dataset=${dataset} --model=${model} --output=embeddings/${dataset.baseName} --store=${embedding_store}" +
            " --runner=${params.beam_runner} ${flink} --batchSize=${params.embed_batch_size} --cpus=${task.cpus}" +
            " --workers=${params.embed_workers} --device=${params.device} ${imported}"
    }
    """
    export CLIPDG_JAVA_OPTS="-Xmx${heap}m"
    clipdg embed \\
        ${runs.join(' \\\n        --then ')}
    """
}
