// Embeds datasets' images with one model (clipdg embed --help): an Apache Beam pipeline on the
// DirectRunner or on Flink (params.beam_runner, params.flink_master). Several datasets in one task
// are runs of the same JVM (--then), which loads the model once: a split model embeds all the test
// sets in one task. Finished embeddings are kept in params.embedding_store, keyed by (dataset
// manifest sha256, model card sha256), so another run or study over the same data and model reuses
// them; an interrupted task resumes there shard by shard. A dataset with precomputed embeddings (a
// clip-retrieval layout in params.precomputed_embeddings/<dataset>/, staged under its name) is
// imported instead.
process EMBED {
    tag "${meta.model ? "${meta.model}/" : ''}${meta.name ?: "${[datasets].flatten().size()} dataset(s)"}"
    label params.device == 'cuda' ? 'process_gpu' : 'process_medium'
    // The similarity model's embeddings of every dataset; a trained split model's, of the test sets, under evaluation/.
    publishDir "${meta.model ? "${params.outdir}/evaluation/${meta.model}" : params.outdir}", mode: params.publish_dir_mode

    input:
    tuple val(meta), path(datasets, stageAs: 'input/*'), path(model, stageAs: 'model/*'), path(precomputed, stageAs: 'precomputed/*')
    val embedding_store
    val clipdg_sha256

    output:
    tuple val(meta), path('embeddings/*', type: 'dir'), emit: embeddings

    script:
    def imports = [precomputed].flatten().findAll { it }.collectEntries { [(it.baseName): it] }
    def runs = [datasets].flatten().collect { dataset ->
        def imported = imports[dataset.baseName] ? " --precomputed=${imports[dataset.baseName]}" : ''
        embedOptions(dataset, model, "embeddings/${dataset.baseName}", embedding_store, task) + imported
    }
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    clipdg embed \\
        ${runs.join(' \\\n        --then ')}
    """
}

// One group of a large dataset's shards (params.embed_shards_per_task): computed into the store's slot,
// which the dataset's group tasks share, and linked into the task's folder; EMBED_MERGE completes it.
process EMBED_SHARD_GROUP {
    tag "${meta.name} ${group}/${groups}"
    label params.device == 'cuda' ? 'process_gpu' : 'process_medium'

    input:
    tuple val(meta), path(dataset, stageAs: 'input/*'), path(model, stageAs: 'model/*'), val(group), val(groups)
    val embedding_store
    val clipdg_sha256

    output:
    tuple val(meta), val(groups), path("group-${String.format('%05d', group)}", type: 'dir'), emit: shards

    script:
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    clipdg embed ${embedOptions(dataset, model, "group-${String.format('%05d', group)}", embedding_store, task)} \\
        --shardGroup=${group}/${groups}
    """
}

// A dataset's embeddings from its shard groups: the same folder one EMBED task writes, byte for byte.
process EMBED_MERGE {
    tag "${meta.name}"
    label 'process_low'
    publishDir "${params.outdir}/embeddings", mode: params.publish_dir_mode

    input:
    tuple val(meta), path(dataset, stageAs: 'input/*'), path(model, stageAs: 'model/*'), path(groups, stageAs: 'groups/*')
    val embedding_store
    val clipdg_sha256

    output:
    tuple val(meta), path("${meta.name}", type: 'dir'), emit: embeddings

    script:
    """
    export CLIPDG_JAVA_OPTS="${ClipdgTasks.javaOptions(task)}"
    clipdg embed-merge --dataset ${dataset} --model ${model} --groups ${[groups].flatten().join(' ')} \\
        --output ${meta.name} --store ${embedding_store}
    """
}

def embedOptions(dataset, model, output, embeddingStore, task) {
    def flink = params.beam_runner == 'FlinkRunner' ? " --flinkMaster=${params.flink_master}" : ''
    return "--dataset=${dataset} --model=${model} --output=${output} --store=${embeddingStore}" +
        " --runner=${params.beam_runner}${flink} --batchSize=${params.embed_batch_size} --cpus=${task.cpus}" +
        " --workers=${params.embed_workers} --device=${params.device}"
}

/** Shard groups of an ingested dataset: one per params.embed_shards_per_task shards (0: one for the whole dataset). */
def shardGroups(dataset) {
    def perTask = params.embed_shards_per_task as int
    def shards = new groovy.json.JsonSlurper().parse(dataset.resolve('manifest.json').toFile()).shards.size()
    return perTask > 0 ? Math.max(1, (int) ((shards + perTask - 1).intdiv(perTask))) : 1
}

// Every dataset of the study: in one EMBED task each, or, when it has more than
// params.embed_shards_per_task shards, in shard groups and a merge. Downstream sees the same folders.
workflow EMBED_DATASETS {
    take:
    datasets        // [meta, ingested dataset, model, precomputed layout or []]
    embedding_store
    clipdg_sha256

    main:
    def split = datasets
        .map { meta, dir, model, precomputed -> [meta, dir, model, precomputed, precomputed ? 1 : shardGroups(dir)] }
        .branch { meta, dir, model, precomputed, groups ->
            grouped: groups > 1
                return [meta, dir, model, groups]
            whole: true
                return [meta, dir, model, precomputed]
        }
    EMBED(split.whole, embedding_store, clipdg_sha256)
    EMBED_SHARD_GROUP(split.grouped.flatMap { meta, dir, model, groups -> (0..<groups).collect { [meta, dir, model, it, groups] } },
        embedding_store, clipdg_sha256)
    // Sorted, so a resumed run stages the same list and reuses the merge.
    def gathered = EMBED_SHARD_GROUP.out.shards
        .map { meta, groups, dir -> [groupKey(meta, groups), dir] }
        .groupTuple()
        .map { key, dirs -> [key.getGroupTarget(), dirs.sort { it.name }] }
    EMBED_MERGE(split.grouped.map { meta, dir, model, groups -> [meta, dir, model] }.join(gathered),
        embedding_store, clipdg_sha256)

    emit:
    embeddings = EMBED.out.embeddings.mix(EMBED_MERGE.out.embeddings)
}
