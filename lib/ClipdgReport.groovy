import java.nio.file.Files
import java.nio.file.Path

/**
 * Finishes the report when the run ends: the REPORT task's page plus Nextflow's task table and the
 * DAG (clipdg report-run), written to <outdir>/report/report.html, and the run's Workflow Run
 * RO-Crate, <outdir>/ro-crate-metadata.json. Runs in workflow.onComplete,
 * when the trace holds every task; Nextflow draws its own DAG file only after that handler, so the
 * DAG is drawn here too.
 */
class ClipdgReport {
    /** The REPORT task's page (in its work folder), once the task has finished. */
    static volatile Path page

    /** Finishes report.html and writes the RO-Crate of the run's outputs (outdir/ro-crate-metadata.json). */
    static void finish(Object workflow, Path outdir, Object log) {
        if (page == null) {
            return
        }
        def session = nextflow.Global.session as nextflow.Session
        def info = outdir.resolve('pipeline_info')
        Files.createDirectories(info)
        def trace = session.config.navigate('trace.file') as String
        def dag = info.resolve('report_dag.svg')
        try {
            // As Nextflow does before drawing: value inputs get their own vertices.
            session.dag.normalize()
            new nextflow.dag.GraphvizRenderer('clipdg', 'svg').renderDocument(session.dag, dag)
        } catch (Throwable e) {
            log.warn "clipdg: the report has no DAG (${e.message?.readLines()?.first()})"
        }
        def report = outdir.resolve('report')
        Files.createDirectories(report)
        def command = [workflow.projectDir.resolve('bin/clipdg').toString(), 'report-run', '--page', page.toString(),
                       '--trace', trace, '--out', report.resolve('report.html').toString(),
                       '--provenance', page.resolveSibling('provenance.json').toString(), '--crate-root', outdir.toString(),
                       '--workflow', workflow.scriptFile.toString(), '--started', workflow.start.toString(),
                       '--completed', (workflow.complete ?: java.time.OffsetDateTime.now()).toString(),
                       '--run-name', "clipdg ${workflow.runName}".toString()]
        if (Files.isRegularFile(dag)) {
            command += ['--dag', dag.toString()]
        }
        def process = command.execute()
        def out = new StringBuilder()
        def err = new StringBuilder()
        process.waitForProcessOutput(out, err)
        if (process.exitValue() == 0) {
            log.info "clipdg: report ${report.resolve('report.html')}; RO-Crate ${outdir.resolve('ro-crate-metadata.json')}"
        } else {
            log.warn "clipdg: the report could not be finished (${err.toString().trim()}); the page without the run is ${page}"
        }
    }
}
