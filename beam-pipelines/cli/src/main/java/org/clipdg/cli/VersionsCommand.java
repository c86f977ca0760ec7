package org.clipdg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.faiss.Faiss;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every component's version in one JSON object, for the report's provenance. */
@Command(name = "versions", mixinStandardHelpOptions = true,
        description = "Prints the versions of clipdg (and its jar's sha256), the JDK and the libraries this build runs"
                + " (Apache Beam, ONNX Runtime, DJL, PyTorch, FAISS, JavaCPP, Avro) as one JSON object.",
        footer = {"", "Example: clipdg versions --with nextflow=24.10.0 > versions.json"})
public final class VersionsCommand implements Callable<Integer> {
    @Option(names = "--with", paramLabel = "NAME=VERSION", description = "Add a component, e.g. the Nextflow that runs clipdg.")
    Map<String, String> extra = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("clipdg", ClipdgVersion.get());
        versions.put("clipdg_jar_sha256", ClipdgVersion.codeSha256());
        versions.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        versions.putAll(ClipdgVersion.libraries());
        versions.put("faiss", Faiss.version());
        versions.putAll(extra);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(versions));
        return 0;
    }
}
