// Labels every dataset's embeddings natural / ambiguous / rendition (clipdg label-domains --help): an
// Apache Beam pipeline running the domain classifier in ONNX Runtime, on the DirectRunner or on
// Flink (params.beam_runner, params.flink_master). One task for all datasets: each is a run of the
// same JVM (--then), which loads the classifier once.
process LABEL_DOMAINS {
    tag "${[embeddings].flatten().size()} dataset(s)"
    label 'process_low'
    publishDir "${params.outdir}/domains", mode: params.publish_dir_mode

    input:
    path embeddings, stageAs: 'embeddings/*'
    path classifier, stageAs: 'classifier/*'
    val clipdg_sha256

    output:
    path 'labels/*', type: 'dir', emit: labels

    script:
    def flink = params.beam_runner == 'FlinkRunner' ? "--flinkMaster=${params.flink_master}" : ''
    def runs = [embeddings].flatten().collect { dataset ->
        "--embeddings=${dataset} --classifier=${classifier} --output=labels/${dataset.baseName} --runner=${params.beam_runner} ${flink} --cpus=${task.cpus}"
    }
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    clipdg label-domains \\
        ${runs.join(' \\\n        --then ')}
    """
}
