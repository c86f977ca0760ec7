package org.clipdg.embed;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of {@link EmbedImages}, given as Beam options ({@code --name=value}). Runner options
 * ({@code --runner=FlinkRunner --flinkMaster=[local]}) come from the runners themselves.
 */
public interface EmbedImagesOptions extends PipelineOptions {

    @Description("Ingested dataset folder (with manifest.json) whose images to embed.")
    @Validation.Required
    String getDataset();

    void setDataset(String value);

    @Description("Model folder: model_card.json plus the image tower (ONNX) it names.")
    @Validation.Required
    String getModel();

    void setModel(String value);

    @Description("Output folder: embeddings-NNNNN.avro shards, rejected.tsv and manifest.json (written last).")
    @Validation.Required
    String getOutput();

    void setOutput(String value);

    @Description("Store of finished embeddings keyed by (dataset manifest sha256, model card sha256): reused "
            + "when present, filled otherwise; --output then receives links to the stored files. Empty: no store.")
    @Default.String("")
    String getStore();

    void setStore(String value);

    @Description("Import precomputed embeddings from a clip-retrieval folder (img_emb/img_emb_N.npy + "
            + "metadata/metadata_N.parquet or .csv, keys in a key column or else image_path) instead of running the model.")
    @Default.String("")
    String getPrecomputed();

    void setPrecomputed(String value);

    @Description("Also write the clip-retrieval layout (img_emb/img_emb_N.npy + metadata/metadata_N.csv) under this folder.")
    @Default.String("")
    String getClipRetrievalOutput();

    void setClipRetrievalOutput(String value);

    @Description("Embed one group of the dataset's shards: I/N (from 0), the shards in N contiguous groups of about"
            + " equal image counts. The output folder gets the group's shards and no manifest; clipdg embed-merge completes"
            + " it from every group. 0/1: the whole dataset.")
    @Default.String("0/1")
    String getShardGroup();

    void setShardGroup(String value);

    @Description("Images per inference batch.")
    @Default.Integer(32)
    int getBatchSize();

    void setBatchSize(int value);

    @Description("CPU cores this step may use (default: all). Workers x ORT threads must not exceed it, unless the"
            + " workers run on a Flink cluster, whose TaskManagers' slots share their own cores.")
    @Default.Integer(0)
    int getCpus();

    void setCpus(int value);

    @Description("Parallel pipeline workers (Beam parallelism: DirectRunner target parallelism, Flink parallelism);"
            + " 0: one per CPU (each runs its own batches, decoding overlaps inference), 1 on --device=cuda.")
    @Default.Integer(0)
    int getWorkers();

    void setWorkers(int value);

    @Description("ONNX Runtime intra-op threads per worker (0: cpus / workers; 1 on a Flink cluster).")
    @Default.Integer(0)
    int getOrtThreads();

    void setOrtThreads(int value);

    @Description("cpu, cuda (CUDA execution provider; needs the GPU build: mvn -Pgpu) or auto (cuda where usable, else cpu).")
    @Default.String("cpu")
    String getDevice();

    void setDevice(String value);
}
