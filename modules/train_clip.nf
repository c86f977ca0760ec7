// Trains a CLIP on ingested datasets (optionally a whitelist split) and exports it to ONNX with a
// model card (clipdg train --help). Checkpoints live in params.checkpoint_dir, outside the task
// folder, so a killed or failed task resumes from its last epoch when run again.
process TRAIN_CLIP {
    tag "${meta.id}"
    label params.device == 'cuda' ? 'process_gpu' : 'process_high'
    publishDir "${params.outdir}/models", mode: params.publish_dir_mode

    input:
    tuple val(meta), path(datasets, stageAs: 'datasets/*'), path(whitelist)
    path model_config
    path probe_datasets, stageAs: 'probe/*'
    val checkpoint_dir
    val clipdg_sha256

    output:
    tuple val(meta), path("${meta.id}", type: 'dir'), emit: model
    tuple val(meta), path("${meta.id}/model_card.json"), emit: card

    script:
    def split = whitelist ? "--whitelist ${whitelist}" : ''
    def probes = [probe_datasets].flatten().collect { "--probe-dataset ${it}" }.join(' ')
    def heap = Math.max(1024, (task.memory.toMega() / 2) as long)
    """
    export CLIPDG_JAVA_OPTS="-Xmx${heap}m"
    clipdg train \\
        --dataset ${[datasets].flatten().join(' ')} \\
        ${split} \\
        --model-config ${model_config} \\
        --epochs ${params.train_epochs} \\
        --batch-size ${params.train_batch_size} \\
        --lr ${params.train_lr} \\
        --vocabulary-templates '${params.eval_templates}' \\
        --shuffle-buffer ${params.train_shuffle_buffer} \\
        --seed ${meta.seed} \\
        --threads ${task.cpus} \\
        --device ${params.device} \\
        --checkpoint-root ${checkpoint_dir} \\
        --code-id ${clipdg_sha256} \\
        ${params.export_activations ? '--export-activations' : ''} \\
        ${probes} \\
        --out ${meta.id}
    """
}
