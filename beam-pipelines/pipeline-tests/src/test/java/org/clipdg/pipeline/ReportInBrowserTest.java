package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test profile's report.html as a person sees it, in headless Chromium (make setup installs
 * Debian's chromium as root): no console error, no request but the page itself, every section, the
 * figures drawn. The screenshot is kept beside the report, in the run's outputs.
 */
class ReportInBrowserTest {
    @TempDir
    Path profile;

    @Test
    void theReportRendersOfflineWithEverySection() throws Exception {
        assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "no " + HeadlessChromium.BINARY + " (make setup installs it as root)");
        TestProfileRun clean = TestProfileRun.clean();
        assertEquals(0, clean.result().exitCode, clean.result().describe());
        Path report = clean.outdir().resolve("report/report.html");
        assertTrue(Files.isRegularFile(report), clean.result().describe());

        Path screenshot = clean.outdir().resolve("report/screenshot.png");
        HeadlessChromium.Visit visit;
        try (HeadlessChromium browser = HeadlessChromium.start(profile)) {
            visit = browser.visit(report, "JSON.stringify({sections: Array.from(document.querySelectorAll('section')).map(s => s.id),"
                    + " figures: document.querySelectorAll('figure svg').length, tasks: document.querySelectorAll('#table-tasks tbody tr')"
                    + ".length, height: document.body.scrollHeight})", screenshot);
        }
        assertEquals(List.of(), visit.consoleErrors(), "console errors");
        // Inline images (data: URIs, the neighbour grids' thumbnails) are part of the page, not requests.
        assertEquals(List.of(report.toUri().toString()), visit.requests().stream().filter(url -> !url.startsWith("data:")).toList(),
                "nothing but the page itself is loaded");
        var shown = new com.fasterxml.jackson.databind.ObjectMapper().readTree(visit.evaluated().asText());
        List<String> sections = new ArrayList<>();
        shown.get("sections").forEach(s -> sections.add(s.asText()));
        assertEquals(List.of("summary", "figures", "tables", "provenance", "run"), sections);
        assertTrue(shown.get("figures").asInt() >= 5, "figures drawn, the DAG among them: " + shown);
        assertEquals(NextflowRun.newestTrace(clean.outdir()).size(), shown.get("tasks").asInt(), "every task in the run's table");
        assertTrue(shown.get("height").asInt() > 2000, "a page, not a blank: " + shown);
        assertTrue(Files.size(screenshot) > 50_000, "a screenshot of the whole page");
    }
}
