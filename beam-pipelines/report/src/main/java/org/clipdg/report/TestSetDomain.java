package org.clipdg.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.clipdg.core.DomainLabels;
import org.clipdg.schema.IngestManifest;

/**
 * A test set's domain and domain label, as its ingest manifest gives them: the samplesheet's domain,
 * or the one domain all its images carry (a domain-folder test set); the one label all its images
 * carry (ingestion applied the run's domain names), else the label of the domain. Empty when the
 * test set mixes domains or labels.
 */
public record TestSetDomain(String domain, String label) {

    static TestSetDomain of(IngestManifest manifest) {
        String domain = !manifest.getDomain().isEmpty() ? manifest.getDomain() : onlyKey(manifest.getCountsByDomain());
        String label = onlyKey(manifest.getCountsByDomainLabel());
        return new TestSetDomain(domain, label.isEmpty() ? DomainLabels.labelOf(domain) : label);
    }

    /** Test sets named by their domains alone, labelled by the built-in domain names. */
    public static Map<String, TestSetDomain> ofDomains(Map<String, String> domains) {
        Map<String, TestSetDomain> testSets = new LinkedHashMap<>();
        domains.forEach((name, domain) -> testSets.put(name, new TestSetDomain(domain, DomainLabels.labelOf(domain))));
        return testSets;
    }

    private static String onlyKey(Map<String, Long> counts) {
        return counts.size() == 1 ? counts.keySet().iterator().next() : "";
    }
}
