package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import org.clipdg.core.TsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation harness against OpenCLIP's published ImageNet zero-shot top-1 of
 * ViT-B-32-quickgelu/laion400m_e32 (62.93 %), with a user-supplied export and ImageNet validation
 * set (docs/openclip.md). Skipped unless both are given: clipdg downloads neither.
 */
class OpenClipAnchorTest {
    private static final double PUBLISHED_TOP1 = 0.6293;

    @TempDir
    Path work;

    @Test
    void imagenetTop1MatchesOpenClipsPublishedNumber() throws Exception {
        String model = System.getenv("CLIPDG_OPENCLIP_MODEL");
        String imagenet = System.getenv("CLIPDG_IMAGENET_VAL");
        assumeTrue(model != null && imagenet != null, "set CLIPDG_OPENCLIP_MODEL and CLIPDG_IMAGENET_VAL (docs/openclip.md)");
        Path embeddings = work.resolve("embeddings");
        ClipdgRun embed = ClipdgRun.run(work.resolve("embed.log"), "embed", "--dataset=" + imagenet, "--model=" + model,
                "--output=" + embeddings);
        assertEquals(0, embed.exitCode, embed.output);
        ClipdgRun evaluate = ClipdgRun.run(work.resolve("evaluate.log"), "evaluate", "--model", model, "--templates", "openai",
                "--embeddings", embeddings.toString(), "--datasets", imagenet, "--out", work.resolve("eval").toString());
        assertEquals(0, evaluate.exitCode, evaluate.output);
        Map<String, String> whole = TsvTable.read(work.resolve("eval/metrics.tsv")).stream()
                .filter(row -> row.get("metric").equals("top1") && row.get("domain").isEmpty() && row.get("group").isEmpty()
                        && row.get("class").isEmpty() && row.get("bin").isEmpty())
                .findFirst().orElseThrow();
        assertEquals(PUBLISHED_TOP1, Double.parseDouble(whole.get("value")), 0.005, whole.toString());
    }
}
