package org.clipdg.report;

import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;

import j2html.tags.DomContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.TsvTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report-run", mixinStandardHelpOptions = true,
        description = {"Adds the run to a page clipdg report wrote: Nextflow's task table (name, status, duration, peak"
                + " memory) from its trace, and the workflow DAG as inline SVG. Run when the workflow has finished, so"
                + " the trace holds every task.",
                "Writes --out by rename; --page is left as it is. With --crate-root, also a Workflow Run RO-Crate of the"
                        + " run's outputs."})
public final class ReportRunCommand implements Callable<Integer> {
    private static final List<String> COLUMNS = List.of("name", "status", "exit", "duration", "realtime", "%cpu", "peak_rss");
    private static final Pattern RUN_SECTION = Pattern.compile("<section id=\"" + ReportPage.RUN_SECTION + "\">.*?</section>",
            Pattern.DOTALL);

    @Option(names = "--page", required = true, paramLabel = "FILE", description = "report.html as clipdg report wrote it.")
    Path page;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "Nextflow's execution trace (tab-separated).")
    Path trace;

    @Option(names = "--dag", paramLabel = "FILE", description = "The workflow DAG as SVG (Graphviz).")
    Path dag;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The finished report.html.")
    Path out;

    @Option(names = "--provenance", paramLabel = "FILE", description = "provenance.json of clipdg report: with --crate-root,"
            + " the run's parameters, inputs and software in the RO-Crate.")
    Path provenance;

    @Option(names = "--crate-root", paramLabel = "DIR", description = "Write a Workflow Run RO-Crate describing every file"
            + " under DIR (the run's outputs): DIR/ro-crate-metadata.json.")
    Path crateRoot;

    @Option(names = "--workflow", paramLabel = "FILE", description = "The workflow script that ran (main.nf).")
    Path workflow;

    @Option(names = "--started", paramLabel = "TIME", description = "When the run started (ISO 8601).")
    String started;

    @Option(names = "--completed", paramLabel = "TIME", description = "When it ended (ISO 8601).")
    String completed;

    @Option(names = "--run-name", defaultValue = "clipdg run", paramLabel = "NAME", description = "Name of the run.")
    String runName;

    @Override
    public Integer call() throws Exception {
        String html = Files.readString(page);
        Matcher section = RUN_SECTION.matcher(html);
        if (!section.find()) {
            throw new IllegalArgumentException(page + ": no <section id=\"run\">; is it a page clipdg report wrote?");
        }
        List<DomContent> content = new ArrayList<>();
        List<Map<String, String>> tasks = TsvTable.read(trace);
        Map<String, Integer> byStatus = new TreeMap<>();
        tasks.forEach(task -> byStatus.merge(task.getOrDefault("status", "?"), 1, Integer::sum));
        content.add(p(tasks.size() + " task(s): " + byStatus.toString().replaceAll("[{}]", "").replace('=', ' ')));
        List<List<String>> rows = tasks.stream().map(task -> COLUMNS.stream().map(c -> task.getOrDefault(c, "")).toList()).toList();
        content.add(ReportPage.tableBlock(new Table("tasks", "Tasks", "From Nextflow's execution trace (" + trace.getFileName()
                + "); CACHED tasks were reused from an earlier run (-resume).", COLUMNS, rows)));
        if (dag != null) {
            content.add(ReportPage.figureOf("dag", "Workflow DAG", "The processes and channels of this run, drawn by Graphviz.",
                    rawHtml(inlineSvg(Files.readString(dag)))));
        }
        String finished = html.substring(0, section.start()) + ReportPage.runSection(content).render()
                + html.substring(section.end());
        AtomicFiles.writeString(out, finished);
        if (crateRoot != null) {
            if (provenance == null || workflow == null || started == null || completed == null) {
                throw new IllegalArgumentException("--crate-root needs --provenance, --workflow, --started and --completed");
            }
            RoCrate.write(crateRoot, new RoCrate.Run(workflow, started, completed, runName), Provenance.read(provenance));
            System.err.printf("[report-run] RO-Crate -> %s%n", crateRoot.resolve(RoCrate.METADATA));
        }
        System.err.printf("[report-run] %d task(s)%s -> %s%n", tasks.size(), dag != null ? " and the DAG" : "", out);
        return 0;
    }

    /** An SVG document as an element to inline in HTML: no XML declaration, doctype or comments. */
    static String inlineSvg(String document) {
        int start = document.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("--dag: not an SVG document");
        }
        return document.substring(start).replaceAll("(?s)<!--.*?-->", "");
    }
}
