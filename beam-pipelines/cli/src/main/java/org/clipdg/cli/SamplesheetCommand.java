package org.clipdg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clipdg.core.samplesheet.DatasetEntry;
import org.clipdg.core.samplesheet.Samplesheet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "samplesheet", mixinStandardHelpOptions = true,
        description = {"Validates a samplesheet (name,role,format,path,domain,group,classes) and prints its"
                + " datasets as JSON with absolute, expanded input paths.",
                "Every problem is reported at once, by line number; the exit code is 1 if there is any."})
final class SamplesheetCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "The samplesheet CSV.")
    Path input;

    @Override
    public Integer call() throws Exception {
        List<DatasetEntry> entries = Samplesheet.read(input);
        List<Map<String, Object>> datasets = entries.stream().map(SamplesheetCommand::toJson).toList();
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(datasets));
        return 0;
    }

    private static Map<String, Object> toJson(DatasetEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", entry.name());
        json.put("role", entry.role().id());
        json.put("format", entry.format().id());
        json.put("path", entry.path());
        json.put("inputs", entry.inputs().stream().map(Path::toString).toList());
        json.put("domain", entry.domain());
        json.put("group", entry.group());
        json.put("classes", entry.classes());
        return json;
    }
}
