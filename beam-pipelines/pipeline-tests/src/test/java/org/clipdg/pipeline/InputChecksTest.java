package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovySystem;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** lib/ClipdgInputs.groovy: parameters checked against the samplesheet's datasets before any task runs. */
class InputChecksTest {
    private static Class<?> inputs;

    @BeforeAll
    static void load() throws IOException {
        try (GroovyClassLoader loader = new GroovyClassLoader()) {
            loader.addClasspath(NextflowRun.ROOT.resolve("lib").toString());
            inputs = loader.parseClass(NextflowRun.ROOT.resolve("lib/ClipdgInputs.groovy").toFile());
        }
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> params = new HashMap<>();
        params.put("study", "all");
        params.put("prune_sizes", "4000");
        params.put("add_renditions", "");
        params.put("mix_total", 0);
        params.put("natural_base", 0);
        params.put("mixture_domains", null);
        params.put("train_splits", "all,similarity_matched-combined,natural_only,rendition_only,mix-*,dm-sketch-*");
        return params;
    }

    private static Map<String, Object> row(String name, String role, int line, List<String> domains, Long samples) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", name);
        row.put("role", role);
        row.put("line", line);
        row.put("domains", domains);
        row.put("samples", samples);
        return row;
    }

    private static final List<Map<String, Object>> PACS = List.of(
            row("pacs", "pool", 2, List.of("photo", "art_painting", "cartoon"), 2000L),
            row("sketch", "test", 3, List.of("sketch"), 400L));

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> check(Map<String, Object> params, List<Map<String, Object>> datasets) {
        return (Map<String, List<String>>) GroovySystem.getMetaClassRegistry().getMetaClass(inputs)
                .invokeStaticMethod(inputs, "check", new Object[] {params, datasets});
    }

    private static void assertOneProblem(String expected, Map<String, List<String>> checked) {
        assertEquals(1, checked.get("problems").size(), checked.toString());
        assertTrue(checked.get("problems").get(0).contains(expected), checked.toString());
    }

    @Test
    void theDefaultStudyPassesAndAPoolOfUnknownSizeIsNotJudged() {
        List<Map<String, Object>> synthetic = List.of(row("pool", "pool", 2, List.of("photo", "sketch", "clipart"), 8000L));
        assertEquals(Map.of("problems", List.of(), "warnings", List.of()), check(defaults(), synthetic));
        List<Map<String, Object>> shards = List.of(row("web", "pool", 2, List.of(), null));
        assertEquals(List.of(), check(defaults(), shards).get("problems"));
    }

    @Test
    void sizesLargerThanThePoolNameTheParameterAndThePoolRows() {
        Map<String, Object> params = defaults();
        params.put("train_splits", "all");
        assertOneProblem("--prune_sizes 4000: larger than the pool; the pool has 2000 images (line 2 ('pacs'))", check(params, PACS));
        params.put("prune_sizes", "25%,1000");
        params.put("mix_total", 2500);
        assertOneProblem("--mix_total 2500: larger than the pool", check(params, PACS));
    }

    @Test
    void aDomainMixtureForADomainThePoolLacksIsAProblemBeforeWork() {
        Map<String, Object> params = defaults();
        params.put("prune_sizes", "none");
        assertOneProblem("--train_splits dm-sketch-*: no domain-mixture splits for 'sketch'; the pool's domains are photo, art_painting,"
                + " cartoon (line 2 ('pacs')). Name one of them (e.g. dm-cartoon-*)", check(params, PACS));
        params.put("train_splits", "dm-cartoon-*");
        params.put("mixture_domains", "cartoon,clipart");
        assertOneProblem("--mixture_domains clipart: the pool has no domain 'clipart'", check(params, PACS));
        params.put("study", "similarity");
        params.put("train_splits", "all,dm-sketch-*");
        params.put("mixture_domains", null);
        assertEquals(List.of(), check(params, PACS).get("problems"), "no mixtures without the mixture study");
    }

    @Test
    void splitPatternsNoStudyMakesAreWarnedAbout() {
        Map<String, Object> params = defaults();
        params.put("prune_sizes", "10%");
        params.put("train_splits", "all,nearr-*,mix*,dm-*-cg_low");
        Map<String, List<String>> checked = check(params, PACS);
        assertEquals(List.of(), checked.get("problems"));
        assertEquals(1, checked.get("warnings").size(), checked.toString());
        assertTrue(checked.get("warnings").get(0).startsWith("--train_splits nearr-*: matches no split"), checked.toString());
    }

    @Test
    void severalPoolRowsAreOnePool() {
        Map<String, Object> params = defaults();
        params.put("prune_sizes", "3000");
        params.put("train_splits", "all,dm-art_painting-*");
        List<Map<String, Object>> two = List.of(row("photos", "pool", 2, List.of("photo"), 2000L),
                row("paintings", "pool", 3, List.of("art_painting"), 2000L));
        assertEquals(List.of(), check(params, two).get("problems"), "4000 images in all, and both rows' domains");
        params.put("prune_sizes", "5000");
        assertOneProblem("--prune_sizes 5000: larger than the pool; the pool has 4000 images (line 2 ('photos'), line 3 ('paintings'))",
                check(params, two));
    }
}
