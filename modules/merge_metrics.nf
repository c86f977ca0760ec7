// The study's one tidy table (clipdg merge-metrics --help): every model's evaluation joined into
// evaluation/metrics.tsv and metrics.json, models in name order.
process MERGE_METRICS {
    label 'process_low'
    publishDir "${params.outdir}/evaluation", mode: params.publish_dir_mode

    input:
    path tables, stageAs: 'tables/*/metrics.json'
    val clipdg_sha256

    output:
    path 'metrics.tsv', emit: tsv
    path 'metrics.json', emit: json

    script:
    """
    clipdg merge-metrics --tables ${[tables].flatten().join(' ')} --out .
    """
}
