// Embeds one dataset's images with the study's similarity model (clipdg embed --help): an Apache
// Beam pipeline on the DirectRunner or on Flink (params.beam_runner, params.flink_master).
// Finished embeddings are kept in params.embedding_store, keyed by (dataset manifest sha256,
// model card sha256), so another run or study over the same data and model reuses them; an
// interrupted task resumes there shard by shard. A dataset with precomputed embeddings (a
// clip-retrieval layout in params.precomputed_embeddings/<dataset>/) is imported instead.
process EMBED {
    tag "${meta.model ? "${meta.model}/" : ''}${meta.name}"
    label params.device == 'cuda' ? 'process_gpu' : 'process_medium'
    // The similarity model's embeddings of every dataset; a trained split model's, of the test sets, under evaluation/.
    publishDir "${params.outdir}/${meta.model ? "evaluation/${meta.model}/embeddings" : 'embeddings'}", mode: params.publish_dir_mode

    input:
    tuple val(meta), path(dataset, stageAs: 'input/*'), path(model, stageAs: 'model/*'), path(precomputed, stageAs: 'precomputed/*')
    val embedding_store
    val clipdg_sha256

    output:
    tuple val(meta), path("${meta.name}", type: 'dir'), emit: embeddings
    tuple val(meta), path("${meta.name}/manifest.json"), emit: manifest

    script:
    def heap = Math.max(512, (task.memory.toMega() * 3 / 4) as long)
    def flink = params.beam_runner == 'FlinkRunner' ? "--flinkMaster=${params.flink_master}" : ''
    def imported = precomputed ? "--precomputed=${precomputed}" : ''
    """
    export CLIPDG_JAVA_OPTS="-Xmx${heap}m"
    clipdg embed \\
        --dataset=${dataset} \\
        --model=${model} \\
        --output=${meta.name} \\
        --store=${embedding_store} \\
        --runner=${params.beam_runner} ${flink} \\
        --batchSize=${params.embed_batch_size} \\
        --cpus=${task.cpus} \\
        --workers=${params.embed_workers} \\
        --device=${params.device} ${imported}
    """
}
