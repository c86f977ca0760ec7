package org.clipdg.ingest;

import java.util.SortedMap;
import java.util.TreeMap;

/** What a source knows about one record; empty strings are filled from the samplesheet's defaults. */
public record RecordFacts(String className, String domain, String domainLabel, String background, String group,
        SortedMap<String, String> factors) {

    public static RecordFacts ofClass(String className) {
        return new RecordFacts(className, "", "", "", "", new TreeMap<>());
    }
}
