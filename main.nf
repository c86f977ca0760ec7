#!/usr/bin/env nextflow
/*
 * clipdg: is a CLIP model's out-of-distribution accuracy real, or did the training data
 * already contain the test? Steps talk only through files (Avro/JSON contracts); each step is
 * one module in modules/ running one subcommand of bin/clipdg.
 */
nextflow.enable.dsl = 2

include { INGEST                       } from './modules/ingest'
include { TRAIN_CLIP as TRAIN_REFERENCE } from './modules/train_clip'
include { TRAIN_CLIP as TRAIN_SPLIT    } from './modules/train_clip'
include { EMBED_DATASETS               } from './modules/embed'
include { EMBED as EMBED_TEST_SETS     } from './modules/embed'
include { SIMILARITY                   } from './modules/similarity'
include { PRUNE                        } from './modules/prune'
include { TRAIN_DOMAIN_CLASSIFIER      } from './modules/train_domain_classifier'
include { LABEL_DOMAINS                } from './modules/label_domains'
include { DOMAIN_SPLITS                } from './modules/domain_splits'
include { EVALUATE                     } from './modules/evaluate'
include { MERGE_METRICS                } from './modules/merge_metrics'
include { REPORT                       } from './modules/report'

/**
 * Reads the samplesheet with the same code the steps use (clipdg samplesheet): its datasets (with
 * their domains and image counts) and the problems of the data they point to; or, when the CSV itself
 * is wrong, no datasets and every problem of it.
 */
def readSamplesheet(String sheet, String domainLabels) {
    def command = ["${projectDir}/bin/clipdg", 'samplesheet', '--input', file(sheet).toString(),
                   '--domain-labels', domainLabels, '--synthetic-scale', params.synthetic_scale.toString()]
    def process = command.execute()
    def out = new StringBuilder()
    def err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    if (process.exitValue() != 0) {
        return [datasets: null, problems: ["--input: ${err.toString().trim()}"]]
    }
    def parsed = new groovy.json.JsonSlurper().parseText(out.toString())
    return [datasets: parsed.datasets, problems: parsed.problems]
}

/** Every problem with the parameters (nextflow_schema.json) and the samplesheet, found before any task runs. */
def validateInputs(schema) {
    def problems = ClipdgParams.validate(params, schema, projectDir.toString())
    if (problems.any { it.startsWith('--input ') }) {
        return [datasets: null, problems: problems]
    }
    // A bad mapping is already a problem of its own; the samplesheet is read with the built-in names then.
    def domainLabels = problems.any { it.startsWith('--domain_labels ') } ? '' : ClipdgParams.listValue(params.domain_labels) ?: ''
    def sheet = readSamplesheet(params.input as String, domainLabels)
    if (sheet.datasets == null) {
        return [datasets: null, problems: problems + sheet.problems]
    }
    problems.addAll(sheet.problems)
    def datasets = sheet.datasets
    for (role in ['pool', 'test']) {
        if (!datasets.any { it.role == role }) {
            problems << "--input: ${params.input} has no '${role}' dataset; a study compares a training pool with test sets"
        }
    }
    if (params.prune_matched && !datasets.any { it.role == 'reference' }) {
        problems << "--input: similarity-matched pruning (--prune_matched) needs a 'reference' dataset for the thresholds t(q); add one to ${params.input} or set --prune_matched false"
    }
    def checked = ClipdgInputs.check(params, datasets)
    checked.warnings.each { log.warn "clipdg: ${it}" }
    return [datasets: datasets, problems: problems + checked.problems]
}

/** sha256 of the clipdg jar: an input of every task, so rebuilt code never reuses stale results. */
def clipdgSha256() {
    def jar = file(params.clipdg_jar)
    if (!jar.exists()) {
        error("clipdg jar not found: ${jar}; build it with 'make build'")
    }
    return jar.withInputStream { stream ->
        def digest = java.security.MessageDigest.getInstance('SHA-256')
        byte[] buffer = new byte[1 << 16]
        for (int n; (n = stream.read(buffer)) > 0;) {
            digest.update(buffer, 0, n)
        }
        digest.digest().encodeHex().toString()
    }
}

/** --model_config: a file, or a name in conf/models/ (tiny-vit). */
def modelConfigPath() {
    return ClipdgParams.named(params.model_config, "${projectDir}/conf/models")
}

/** A list parameter's value, with its documented 'none' as the empty list. */
def listParam(value) {
    return ClipdgParams.listValue(value)
}

def writeParams() {
    def info = file("${params.outdir}/pipeline_info")
    info.mkdirs()
    def stamp = new java.util.Date().format('yyyy-MM-dd_HH-mm-ss')
    info.resolve("params_${stamp}.json").text = groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(params))
}

workflow {
    def schema = file("${projectDir}/nextflow_schema.json")
    if (params.help) {
        log.info ClipdgParams.help(schema, projectDir.toString())
        return
    }
    def validated = validateInputs(schema)
    if (validated.problems) {
        error("Invalid input (${validated.problems.size()} problem(s)):\n  - ${validated.problems.join('\n  - ')}")
    }
    def datasets = validated.datasets
    def seeds = ClipdgStudies.seeds(params.seeds, params.seed)
    def codeSha256 = clipdgSha256()
    def modelConfig = file(modelConfigPath(), checkIfExists: true)
    writeParams()
    log.info "clipdg: ${datasets.size()} dataset(s) from ${params.input}; code sha256 ${codeSha256.take(12)}"

    def inputs = Channel.fromList(datasets).map { d ->
        def meta = [name: d.name, role: d.role, format: d.format, domain: d.domain, group: d.group, classes: d.classes,
                    domain_labels: [listParam(params.domain_labels), d.domain_labels].findAll().join(',')]
        [meta, d.inputs.collect { file(it, checkIfExists: true) }]
    }
    INGEST(inputs, codeSha256)

    def ingested = { role -> INGEST.out.dataset.filter { meta, dir -> meta.role == role }.map { meta, dir -> dir }.toSortedList { it.name } }

    // The study's similarity model: a user-supplied export, or a reference CLIP trained on pool + reference.
    def similarityModel
    if (params.similarity_model) {
        if (!file("${params.similarity_model}/model_card.json").exists()) {
            error("Invalid --similarity_model ${params.similarity_model}: no model_card.json there (a model folder holds the card and the ONNX files it names)")
        }
        similarityModel = Channel.value(file(params.similarity_model, type: 'dir'))
    } else {
        // Each list wrapped once more: combine concatenates list items instead of pairing them.
        def trainingData = ingested('pool').map { [it] }.combine(ingested('reference').map { [it] }).map { pool, reference ->
            [[id: 'reference_clip', seed: params.seed as long], (pool + reference).sort { it.name }, []] }
        TRAIN_REFERENCE(trainingData, modelConfig, ingested('test'),
            params.checkpoint_dir ?: "${workflow.workDir}/clipdg-checkpoints", codeSha256)
        similarityModel = TRAIN_REFERENCE.out.model.map { meta, dir -> dir }
    }

    // Every dataset of the study in the similarity model's space (imported where precomputed).
    def precomputed = { name ->
        def layout = params.precomputed_embeddings ? file("${params.precomputed_embeddings}/${name}", type: 'dir') : null
        layout?.isDirectory() ? layout : []
    }
    EMBED_DATASETS(INGEST.out.dataset.combine(similarityModel).map { meta, dir, model -> [meta, dir, model, precomputed(meta.name)] },
        params.embedding_store ?: "${workflow.workDir}/clipdg-embeddings", codeSha256)

    // Train-test similarity and the pruned splits of the pool, then one CLIP per chosen split.
    def embedded = { role -> EMBED_DATASETS.out.embeddings.filter { meta, dir -> meta.role == role }.map { meta, dir -> dir }.toSortedList { it.name } }
    SIMILARITY(embedded('pool'), embedded('test'), embedded('reference'), codeSha256)
    PRUNE(SIMILARITY.out.results, embedded('pool'), codeSha256)
    // Domain labelling (the domain study): a classifier on the labelled datasets labels every dataset.
    // The domain splits (the domain study's subsets and mixtures, the mixture study's DG/CG splits from
    // ground truth) join the pruned splits as candidates. When the classifier cannot reach its target
    // precision there are no labels, and the domain splits are the ground-truth ones only.
    def studies = ClipdgStudies.studies(params.study)
    def trainSplits = listParam(params.train_splits)
    def prunedSplits = PRUNE.out.splits.map { [it].flatten() }
    def domainSplitFiles = Channel.value([])
    def domainSplits = Channel.value([])
    if (ClipdgStudies.needsDomainSteps(studies)) {
        def classifier = Channel.value([])
        def labels = Channel.value([])
        if (ClipdgStudies.needsDomainLabels(studies) && datasets.any { it.role == 'labelled' }) {
            TRAIN_DOMAIN_CLASSIFIER(embedded('labelled'), ingested('labelled'), codeSha256)
            TRAIN_DOMAIN_CLASSIFIER.out.unreached.subscribe {
                log.warn "clipdg: domain labelling stopped, no domain labels, label subsets or clean test sets; the domain-mixture splits come from ground truth (every other result is complete): ${it.text.trim()}"
            }
            LABEL_DOMAINS(EMBED_DATASETS.out.embeddings.map { meta, dir -> dir }.toSortedList { it.name }, TRAIN_DOMAIN_CLASSIFIER.out.classifier, codeSha256)
            classifier = TRAIN_DOMAIN_CLASSIFIER.out.classifier.ifEmpty([])
            labels = LABEL_DOMAINS.out.labels.flatten().toSortedList { it.name }
        } else if (ClipdgStudies.needsDomainLabels(studies)) {
            log.info "clipdg: no 'labelled' dataset in ${params.input}: domain labelling skipped; the domain-mixture splits come from ground truth"
        }
        DOMAIN_SPLITS(labels, INGEST.out.dataset.map { meta, dir -> dir }.toSortedList { it.name }, classifier, codeSha256)
        domainSplitFiles = DOMAIN_SPLITS.out.splits.map { [it].flatten() }.ifEmpty([])
        domainSplits = DOMAIN_SPLITS.out.results
    }
    // Each list wrapped once more: combine concatenates list items instead of pairing them.
    def chosenSplits = prunedSplits.map { [it] }.combine(domainSplitFiles.map { [it] }).flatMap { pruned, domain ->
        def byName = (pruned + domain).collectEntries { [(it.baseName): it] }
        def choice = ClipdgStudies.choose(byName.keySet() as List, studies, trainSplits)
        choice.notes.each { log.warn "clipdg: --train_splits ${it}" }
        if (choice.problems) {
            error("Invalid --train_splits: ${choice.problems.join('; ')}")
        }
        log.info "clipdg: training ${choice.chosen.size()} split(s) of --study ${studies.join(',')} x ${seeds.size()} seed(s): ${choice.chosen.join(', ') ?: 'none'}"
        choice.chosen.collect { byName[it] }
    }
    // One training task per chosen split and seed.
    TRAIN_SPLIT(chosenSplits.combine(ingested('pool').map { [it] }).combine(Channel.fromList(seeds)).map { whitelist, dirs, seed ->
            [[id: ClipdgStudies.modelId(whitelist.baseName, seed, seeds.size()), split: whitelist.baseName, seed: seed], dirs, whitelist] },
        modelConfig, ingested('test'),
        params.checkpoint_dir ?: "${workflow.workDir}/clipdg-checkpoints", codeSha256)

    // Evaluation: the similarity model on the test sets' embeddings it already made; each split's
    // model embeds the test sets itself first. One tidy table per model, and all of them together.
    if (params.evaluate) {
        def splitModels = TRAIN_SPLIT.out.model.map { meta, dir -> [meta.split, meta, dir] }
            .combine(chosenSplits.map { [it.baseName, it] }, by: 0)
            .map { name, meta, dir, whitelist -> [meta, dir, whitelist] }
        // One task per split model over all the test sets.
        EMBED_TEST_SETS(splitModels.combine(ingested('test').map { [it] })
                .map { meta, dir, whitelist, tests -> [[model: meta.id], tests, dir, []] },
            params.embedding_store ?: "${workflow.workDir}/clipdg-embeddings", codeSha256)
        def splitEmbeddings = EMBED_TEST_SETS.out.embeddings.map { meta, dirs -> [meta.model, [dirs].flatten()] }
        def evaluated = splitModels.map { meta, dir, whitelist -> [meta.id, meta, dir, whitelist] }
            .join(splitEmbeddings)
            .map { id, meta, dir, whitelist, embeddings -> [meta, dir, whitelist, embeddings] }
            .mix(similarityModel.combine(embedded('test').map { [it] })
                .map { dir, embeddings -> [[id: dir.name, split: ''], dir, [], embeddings] })
        EVALUATE(evaluated, ingested('test'), SIMILARITY.out.results, domainSplits, codeSha256)
        // Sorted, so a resumed run stages the same list and reuses the task.
        MERGE_METRICS(EVALUATE.out.table.map { meta, table -> table }.toSortedList { it.parent.name }, codeSha256)

        // The report: figures, tables and provenance; workflow.onComplete adds the run (ClipdgReport).
        def models = similarityModel.mix(TRAIN_SPLIT.out.model.map { meta, dir -> dir }).toSortedList { it.name }
        def parameters = groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(params.findAll { k, v -> k != 'help' }))
        REPORT(MERGE_METRICS.out.json, SIMILARITY.out.results, PRUNE.out.results, domainSplits, models,
            INGEST.out.dataset.map { meta, dir -> dir }.toSortedList { it.name }, file(params.input), parameters, codeSha256)
        REPORT.out.page.subscribe { ClipdgReport.page = it }
    }
}

workflow.onComplete {
    if (params.help) {
        return
    }
    def outdir = file(params.outdir).toAbsolutePath()
    try {
        ClipdgReport.finish(workflow, outdir, log)
    } catch (Throwable e) {
        log.warn "clipdg: the report could not be finished (${e.message}); every other output is complete"
    }
    if (workflow.success) {
        log.info "clipdg: done. Outputs in ${outdir} (datasets/<name>/: shards, manifest.json, rejected.tsv, contact_sheet.png; models/: the reference CLIP; embeddings/<name>/: embeddings-*.avro, manifest.json, rejected.tsv; similarity/: pool_similarity.avro, test_neighbours.avro, summary.tsv; pruning/: splits/<split>.tsv, splits.tsv; domains/: classifier/, labels/<name>/, splits/ (composition.tsv, prevalence.tsv, splits/, clean_tests/); models/clip-<split>/: one CLIP per chosen split; evaluation/: metrics.tsv (every model), <model>/ (metrics, predictions, test-set embeddings of split models); report/: report.html, figures/, tables/; pipeline_info/: trace, report, timeline, DAG)"
    } else {
        log.error "clipdg: failed (${workflow.errorMessage}). Fix the cause and re-run with -resume to reuse finished tasks."
    }
}
