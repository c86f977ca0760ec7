// The natural-vs-rendition domain classifier (clipdg train-domain-classifier --help): a one-hidden-layer
// perceptron or logistic regression (params.domain_model) on the labelled datasets' embeddings, strict
// thresholds at params.domain_precision on the validation split. When no threshold reaches that
// precision (exit status 3) there is no classifier: the task emits the reason instead, the domain
// steps stop and the rest of the study goes on.
process TRAIN_DOMAIN_CLASSIFIER {
    label 'process_low'
    publishDir "${params.outdir}/domains", mode: params.publish_dir_mode

    input:
    path embeddings, stageAs: 'embeddings/*'
    path datasets, stageAs: 'datasets/*'
    val clipdg_sha256

    output:
    path 'classifier', type: 'dir', optional: true, emit: classifier
    path 'unreached.txt', optional: true, emit: unreached

    script:
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    status=0
    clipdg train-domain-classifier \\
        --embeddings ${[embeddings].flatten().join(' ')} \\
        --datasets ${[datasets].flatten().join(' ')} \\
        --precision ${params.domain_precision} \\
        --model ${params.domain_model} \\
        --epochs ${params.domain_epochs} \\
        --seed ${params.seed} \\
        --threads ${task.cpus} \\
        --out classifier 2> classifier.err || status=\$?
    cat classifier.err >&2
    if [ "\$status" -eq 3 ]; then
        sed -n 's/^train-domain-classifier: error: //p' classifier.err > unreached.txt
    elif [ "\$status" -ne 0 ]; then
        exit "\$status"
    fi
    """
}
