package org.clipdg.report;

import static j2html.TagCreator.a;
import static j2html.TagCreator.body;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.figcaption;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.li;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.section;
import static j2html.TagCreator.style;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import j2html.tags.DomContent;
import j2html.tags.specialized.SectionTag;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS, figures as inline SVG, no script and
 * nothing loaded from anywhere. Sections have fixed ids (summary, figures, tables, provenance, run)
 * so readers, tests and the run step can find them.
 */
public final class ReportPage {
    /** Where the run step puts the task table and the DAG once Nextflow has finished. */
    public static final String RUN_SECTION = "run";

    private static final String CSS = """
            body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.45}
            h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:1em 0;font-size:.85em;display:block;max-width:100%;overflow-x:auto}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}
            th{background:#f2f2f2}caption{caption-side:top;text-align:left;font-weight:bold;padding:.3em 0}
            figure{margin:1.5em 0}figcaption{font-size:.9em;color:#444;max-width:900px}svg{max-width:100%;height:auto}
            pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.8em}.note{color:#666;font-size:.9em}
            """;

    /** A figure as shown: its inline SVG and the files written beside the report. */
    public record ShownFigure(String name, String title, String caption, String svg) {}

    /** A provenance block: a heading, then a table or preformatted text. */
    public record ProvenanceItem(String heading, Table table, String text) {}

    private ReportPage() {}

    public static String render(String heading, List<String> findings, Table checks, List<ShownFigure> figures, List<Table> tables,
            List<ProvenanceItem> provenance) {
        return "<!DOCTYPE html>\n" + html(
                head(meta().withCharset("utf-8"), title(heading), style(rawHtml(CSS))),
                body(
                        h1(heading),
                        section(h2("Summary"), findings.isEmpty()
                                ? p("No comparison to summarise: the study trained no split beside the whole pool, and no"
                                        + " test set has common and counter backgrounds.").withClass("note")
                                : ul(each(findings, f -> li(f))), tableBlock(checks)).withId("summary"),
                        section(h2("Figures"), each(figures, ReportPage::figureBlock)).withId("figures"),
                        section(h2("Tables"), each(tables, ReportPage::tableBlock)).withId("tables"),
                        section(h2("Provenance"), each(provenance, ReportPage::provenanceBlock)).withId("provenance"),
                        runSection(List.of(p("The task table and the workflow DAG are added when the run finishes.")
                                .withClass("note")))))
                .render();
    }

    /** The run section: Nextflow's task table and the DAG, or a note until they exist. */
    public static SectionTag runSection(List<DomContent> content) {
        List<DomContent> all = new ArrayList<>(List.of(h2("Run")));
        all.addAll(content);
        return section(all.toArray(DomContent[]::new)).withId(RUN_SECTION);
    }

    private static DomContent figureBlock(ShownFigure shown) {
        return figure(h3(shown.title()), rawHtml(shown.svg()), figcaption(p(shown.caption()),
                p(a("PNG").withHref("figures/" + shown.name() + ".png"), rawHtml(" · "),
                        a("SVG").withHref("figures/" + shown.name() + ".svg")).withClass("note"))).withId("figure-" + shown.name());
    }

    /** A figure with no files of its own (the DAG). */
    public static DomContent figureOf(String name, String title, String caption, DomContent drawing) {
        return figure(h3(title), drawing, figcaption(p(caption))).withId("figure-" + name);
    }

    public static DomContent tableBlock(Table table) {
        return div(table(caption(table.title()),
                thead(tr(each(table.header(), h -> th(h)))),
                tbody(each(table.rows(), row -> tr(each(row, cell -> td(cell)))))),
                p(table.caption()).withClass("note")).withId("table-" + table.name());
    }

    private static DomContent provenanceBlock(ProvenanceItem item) {
        return div(h3(item.heading()), item.table() != null ? tableBlock(item.table()) : pre(item.text()));
    }
}
