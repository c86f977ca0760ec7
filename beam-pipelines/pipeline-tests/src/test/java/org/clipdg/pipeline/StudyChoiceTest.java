package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.GroovyClassLoader;
import groovy.lang.MetaClass;
import groovy.lang.GroovySystem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** lib/ClipdgStudies.groovy, the choice of training splits per study and seed, without launching a run. */
class StudyChoiceTest {
    private static final List<String> PRUNED = List.of("all", "similarity_matched-sketch", "similarity_matched-combined",
            "near-all-100", "far-all-100", "random-100");
    private static final List<String> DOMAIN = List.of("natural_only", "rendition_only", "mix-1_3-80", "dm-sketch-cg_low",
            "dm-clipart-cg_low");
    private static Class<?> studies;

    @BeforeAll
    static void load() throws IOException {
        try (GroovyClassLoader loader = new GroovyClassLoader()) {
            studies = loader.parseClass(NextflowRun.ROOT.resolve("lib/ClipdgStudies.groovy").toFile());
        }
    }

    private static Object call(String method, Object... args) {
        MetaClass meta = GroovySystem.getMetaClassRegistry().getMetaClass(studies);
        return meta.invokeStaticMethod(studies, method, args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> choose(List<String> made, String study, String trainSplits) {
        List<String> named = (List<String>) call("studies", study);
        return (Map<String, List<String>>) call("choose", made, named, trainSplits);
    }

    private static List<String> both() {
        return java.util.stream.Stream.concat(PRUNED.stream(), DOMAIN.stream()).toList();
    }

    @Test
    void eachStudyTrainsItsOwnFamilyOfSplits() {
        assertEquals(PRUNED, choose(PRUNED, "similarity", "*").get("chosen"));
        assertEquals(List.of("all", "natural_only", "rendition_only", "mix-1_3-80"), choose(both(), "domains", "*").get("chosen"));
        assertEquals(List.of("dm-sketch-cg_low", "dm-clipart-cg_low"), choose(both(), "mixtures", "*").get("chosen"));
        assertEquals(List.of("all"), choose(both(), "counter", "*").get("chosen"));
        assertEquals(both(), choose(both(), "all", "*").get("chosen"));
        assertEquals(List.of("all", "near-all-100", "far-all-100"), choose(both(), "counter,similarity", "all,near-*,far-*")
                .get("chosen"), "--train_splits patterns filter the studies' splits, in the order made");
        assertEquals(List.of(), choose(both(), "all", "").get("chosen"), "empty: train nothing");
    }

    @Test
    void theDefaultSplitsAreEachStudysHeadlineOnes() {
        String defaults = "all,similarity_matched-combined,natural_only,rendition_only,mix-*,dm-sketch-*";
        Map<String, List<String>> all = choose(both(), "all", defaults);
        assertEquals(List.of("all", "similarity_matched-combined", "natural_only", "rendition_only", "mix-1_3-80",
                "dm-sketch-cg_low"), all.get("chosen"));
        assertTrue(all.get("problems").isEmpty() && all.get("notes").isEmpty(), all.toString());

        List<String> groundTruthOnly = java.util.stream.Stream.concat(PRUNED.stream(),
                DOMAIN.stream().filter(name -> name.startsWith("dm-"))).toList();
        Map<String, List<String>> unreached = choose(groundTruthOnly, "all", defaults);
        assertEquals(List.of("all", "similarity_matched-combined", "dm-sketch-cg_low"), unreached.get("chosen"),
                "the mixtures come from ground truth, so they train when domain labelling is unreached");
        assertTrue(unreached.get("problems").isEmpty(), "no domain-label splits is not an error: " + unreached);
        assertEquals(List.of("natural_only: no domain-label splits were made (domain labelling unreached, or no labelled dataset)",
                "rendition_only: no domain-label splits were made (domain labelling unreached, or no labelled dataset)"),
                unreached.get("notes"));

        Map<String, List<String>> noMixtures = choose(PRUNED, "mixtures", "dm-sketch-cg_low");
        assertEquals(List.of(), noMixtures.get("chosen"));
        assertTrue(noMixtures.get("problems").isEmpty(), noMixtures.toString());
        assertEquals(List.of("dm-sketch-cg_low: no domain-mixture splits were made (the pool has no ground-truth domains, or"
                + " --mixture_domains '')"), noMixtures.get("notes"));
        assertEquals(List.of("no split named dm-photo-cg_low; the pruning and domain steps made all, dm-clipart-cg_low,"
                + " dm-sketch-cg_low, far-all-100, near-all-100, random-100, similarity_matched-combined, similarity_matched-sketch"),
                choose(groundTruthOnly, "mixtures", "dm-photo-cg_low").get("problems"), "a typo among made mixtures is an error");
    }

    @Test
    void aNameNoStepMadeIsAnErrorAndOneOutsideTheStudyANote() {
        Map<String, List<String>> typo = choose(both(), "all", "all,natural_olny,similarity_matched-photo");
        assertEquals(List.of("all"), typo.get("chosen"));
        assertEquals(2, typo.get("problems").size(), typo.toString());
        assertTrue(typo.get("problems").get(0).startsWith("no split named natural_olny; the pruning and domain steps made all,"),
                typo.toString());

        Map<String, List<String>> outside = choose(both(), "similarity", "all,natural_only");
        assertEquals(List.of("all"), outside.get("chosen"));
        assertTrue(outside.get("problems").isEmpty(), outside.toString());
        assertEquals(List.of("natural_only: not a split of --study similarity, so not trained"), outside.get("notes"));

        assertEquals(List.of("dm-sketch-cg_low: not a split of --study domains, so not trained"),
                choose(PRUNED, "domains", "dm-sketch-cg_low").get("notes"));
    }

    @Test
    void seedsAndModelNames() {
        assertEquals(List.of(42L), call("seeds", null, 42));
        assertEquals(List.of(1L, 2L, 3L), call("seeds", "1, 2,3", 42));
        assertEquals("clip-all", call("modelId", "all", 42L, 1));
        assertEquals("clip-all-seed7", call("modelId", "all", 7L, 3));
        assertEquals(List.of("similarity", "domains", "mixtures", "counter"), call("studies", "all"));
        assertEquals(List.of("similarity", "counter"), call("studies", "counter,similarity"));
        assertTrue((Boolean) call("needsDomainSteps", List.of("mixtures")));
        assertFalse((Boolean) call("needsDomainSteps", List.of("similarity", "counter")));
        assertFalse((Boolean) call("needsDomainLabels", List.of("mixtures")), "the mixtures use ground truth");
        assertTrue((Boolean) call("needsDomainLabels", List.of("similarity", "domains")));
    }
}
