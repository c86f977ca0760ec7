package org.clipdg.domains.label;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of {@link LabelDomains}, given as Beam options ({@code --name=value}); runner options come from the runners. */
public interface LabelDomainsOptions extends PipelineOptions {

    @Description("Embedding folder (manifest.json + embeddings-NNNNN.avro) of the dataset to label.")
    @Validation.Required
    String getEmbeddings();

    void setEmbeddings(String value);

    @Description("Domain classifier folder (classifier_card.json + the ONNX model it names).")
    @Validation.Required
    String getClassifier();

    void setClassifier(String value);

    @Description("Output folder: labels-NNNNN.avro (one per embedding shard) and manifest.json (written last).")
    @Validation.Required
    String getOutput();

    void setOutput(String value);

    @Description("Embeddings per classifier call.")
    @Default.Integer(4096)
    int getBatchSize();

    void setBatchSize(int value);

    @Description("CPU cores this step may use (default: all); workers x ONNX Runtime threads stay within it.")
    @Default.Integer(0)
    int getCpus();

    void setCpus(int value);

    @Description("Parallel pipeline workers (0: one per CPU).")
    @Default.Integer(0)
    int getWorkers();

    void setWorkers(int value);
}
