// Reads one samplesheet dataset and writes normalised WebDataset shards, manifest.json,
// rejected.tsv and contact_sheet.png (clipdg ingest --help).
process INGEST {
    tag "${meta.name}"
    label 'process_medium'
    publishDir "${params.outdir}/datasets", mode: params.publish_dir_mode

    input:
    tuple val(meta), path(inputs, stageAs: 'input/*')
    val clipdg_sha256

    output:
    tuple val(meta), path("${meta.name}", type: 'dir'), emit: dataset
    tuple val(meta), path("${meta.name}/manifest.json"), emit: manifest

    script:
    def quote = { String s -> "'" + s.replace("'", "'\\''") + "'" }
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task, 256)}"
    clipdg ingest \\
        --name ${meta.name} \\
        --role ${meta.role} \\
        --format ${meta.format} \\
        --input ${[inputs].flatten().collect { quote(it.toString()) }.join(' ')} \\
        --domain ${quote(meta.domain)} \\
        --group ${quote(meta.group)} \\
        --domain-labels ${quote(meta.domain_labels)} \\
        ${meta.classes ? '--classes ' + quote(meta.classes.join(';')) : ''} \\
        --seed ${params.seed} \\
        --scale ${params.synthetic_scale} \\
        --shard-size ${params.shard_size} \\
        --max-image-side ${params.max_image_side} \\
        --quickdraw-side ${params.quickdraw_side} \\
        --threads ${task.cpus} \\
        --out ${meta.name}
    """
}
