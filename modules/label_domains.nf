// Labels one dataset's embeddings natural / ambiguous / rendition (clipdg label-domains --help): an
// Apache Beam pipeline running the domain classifier in ONNX Runtime, on the DirectRunner or on
// Flink (params.beam_runner, params.flink_master).
process LABEL_DOMAINS {
    tag "${meta.name}"
    label 'process_low'
    publishDir "${params.outdir}/domains/labels", mode: params.publish_dir_mode

    input:
    tuple val(meta), path(embeddings, stageAs: 'input/*'), path(classifier, stageAs: 'classifier/*')
    val clipdg_sha256

    output:
    tuple val(meta), path("${meta.name}", type: 'dir'), emit: labels

    script:
    def heap = Math.max(512, (task.memory.toMega() * 3 / 4) as long)
    def flink = params.beam_runner == 'FlinkRunner' ? "--flinkMaster=${params.flink_master}" : ''
    """
    export CLIPDG_JAVA_OPTS="-Xmx${heap}m"
    clipdg label-domains \\
        --embeddings=${embeddings} \\
        --classifier=${classifier} \\
        --output=${meta.name} \\
        --runner=${params.beam_runner} ${flink} \\
        --cpus=${task.cpus}
    """
}
