// The study's figures (PNG, SVG), tables (TSV) and its report page (clipdg report --help). The page
// is finished when the run ends: workflow.onComplete adds Nextflow's task table and the DAG
// (clipdg report-run), writes report/report.html and the run's RO-Crate; this task publishes
// figures/, tables/ and provenance.json.
process REPORT {
    label 'process_low'
    publishDir "${params.outdir}/report", mode: params.publish_dir_mode, pattern: '{figures,tables,provenance.json}'

    input:
    path metrics, stageAs: 'evaluation/metrics.json'
    path similarity, stageAs: 'similarity'
    path pruning, stageAs: 'pruning'
    path domains, stageAs: 'domains/*'
    path models, stageAs: 'models/*'
    path datasets, stageAs: 'datasets/*'
    path samplesheet, stageAs: 'input/*'
    val parameters
    val clipdg_sha256

    output:
    path 'figures', emit: figures
    path 'tables', emit: tables
    path 'report.html', emit: page
    path 'provenance.json', emit: provenance

    script:
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    cat > params.json <<'CLIPDG_PARAMS'
${parameters}
CLIPDG_PARAMS
    clipdg versions --with nextflow=${workflow.nextflow.version} > versions.json
    clipdg report \\
        --metrics ${metrics} \\
        --similarity ${similarity} \\
        --pruning ${pruning} \\
        ${domains ? "--domains ${domains}" : ''} \\
        --models ${[models].flatten().join(' ')} \\
        --datasets ${[datasets].flatten().join(' ')} \\
        --params params.json \\
        --samplesheet ${samplesheet} \\
        --versions versions.json \\
        --out .
    """
}
