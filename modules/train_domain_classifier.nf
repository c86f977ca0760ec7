// The natural-vs-rendition domain classifier (clipdg train-domain-classifier --help): logistic
// regression on the labelled datasets' embeddings, strict thresholds at params.domain_precision on
// the validation split; stops with a clear error when that precision cannot be reached.
process TRAIN_DOMAIN_CLASSIFIER {
    label 'process_low'
    publishDir "${params.outdir}/domains", mode: params.publish_dir_mode

    input:
    path embeddings, stageAs: 'embeddings/*'
    path datasets, stageAs: 'datasets/*'
    val clipdg_sha256

    output:
    path 'classifier', type: 'dir', emit: classifier

    script:
    def heap = Math.max(512, (task.memory.toMega() * 3 / 4) as long)
    """
    export CLIPDG_JAVA_OPTS="-Xmx${heap}m"
    clipdg train-domain-classifier \\
        --embeddings ${[embeddings].flatten().join(' ')} \\
        --datasets ${[datasets].flatten().join(' ')} \\
        --precision ${params.domain_precision} \\
        --epochs ${params.domain_epochs} \\
        --seed ${params.seed} \\
        --threads ${task.cpus} \\
        --out classifier
    """
}
