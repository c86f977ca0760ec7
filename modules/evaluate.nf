// Zero-shot evaluation of one model on every test set (clipdg evaluate --help): top-1/top-5 per
// test set, domain and group; top-1 per bin of 1-NN similarity to the model's own training data;
// the counter-background drop; accuracy on held-out classes and clean test sets; CKA and neuron
// overlap between domains from the model's per-block activations. The test sets' embeddings must
// come from this model.
process EVALUATE {
    tag "${meta.id}"
    label 'process_low'
    publishDir "${params.outdir}/evaluation", mode: params.publish_dir_mode

    input:
    tuple val(meta), path(model, stageAs: 'model/*'), path(whitelist, stageAs: 'split/*'), path(embeddings, stageAs: 'embeddings/*')
    path datasets, stageAs: 'datasets/*'
    path similarity, stageAs: 'similarity/*'
    path domain_splits, stageAs: 'domains/*'
    val clipdg_sha256

    // Files, not the folder: publishing a folder would replace evaluation/<model>/ and the test-set
    // embeddings EMBED_TEST_SETS published there.
    output:
    tuple val(meta), path("${meta.id}/metrics.json"), emit: table
    path "${meta.id}/metrics.tsv", emit: metrics
    path "${meta.id}/predictions", emit: predictions

    script:
    // Embedding and dataset folders are both named after their dataset: sorted, they pair up.
    def byName = { files -> [files].flatten().sort { it.name }.join(' ') }
    def optional = { name, value -> value ? "${name} '${value}'" : '' }
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    clipdg evaluate \\
        --model ${model} \\
        --model-name ${meta.id} \\
        --split '${meta.split}' \\
        --embeddings ${byName(embeddings)} \\
        --datasets ${byName(datasets)} \\
        --similarity ${similarity} \\
        ${whitelist ? "--split-whitelist ${whitelist}" : ''} \\
        --templates '${params.eval_templates}' \\
        --bins '${params.eval_bins}' \\
        ${optional('--heldout-classes', params.heldout_classes)} \\
        ${domain_splits ? "--domain-splits ${domain_splits}" : ''} \\
        --mechanistic ${params.eval_mechanistic} \\
        --seed ${params.seed} \\
        --threads ${task.cpus} \\
        --out ${meta.id}
    """
}
