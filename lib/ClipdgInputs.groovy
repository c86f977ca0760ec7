/**
 * The parameters checked against the samplesheet's datasets, as `clipdg samplesheet` previews them
 * (each row's domains, and its number of images where that is known before ingestion), so that a
 * mismatch stops the run before any task instead of failing a step after hours of work. Plain
 * Groovy, so the checks can be tested without running a task.
 */
class ClipdgInputs {

    /**
     * @param datasets the samplesheet's rows: name, role, line, domains (list) and samples (a count or null)
     * @return problems: stop before any task; warnings: printed, the run goes on
     */
    static Map check(Map params, List<Map> datasets) {
        List<String> problems = []
        List<String> warnings = []
        def studies = ClipdgStudies.studies(params.study as String)
        def pool = datasets.findAll { it.role == 'pool' }
        def poolRows = pool.collect { "line ${it.line} ('${it.name}')" }.join(', ')
        Long poolSamples = pool && pool.every { it.samples != null } ? pool.sum { it.samples as long } as Long : null
        if (poolSamples != null) {
            problems.addAll(largerThanPool(params, poolSamples, poolRows))
        }
        List<String> poolDomains = pool && pool.every { it.domains } ? pool.collectMany { it.domains as List }.unique() : null
        def trainSplits = entries(params.train_splits, ',')
        if (poolDomains != null && ClipdgStudies.needsDomainSteps(studies)) {
            problems.addAll(missingDomains(params, trainSplits, poolDomains, poolRows))
        }
        def families = studies.collectMany { ClipdgStudies.SPLITS[it] }.unique()
        trainSplits.findAll { !couldMatch(it, families) }.each {
            warnings << "--train_splits ${it}: matches no split that --study ${studies.join(',')} makes (${families.join(', ')}); nothing trains for it"
        }
        return [problems: problems*.toString(), warnings: warnings*.toString()]
    }

    /** Sizes that cannot be cut from a pool of poolSamples images. */
    private static List<String> largerThanPool(Map params, long poolSamples, String poolRows) {
        def pool = "the pool has ${poolSamples} images (${poolRows})"
        List<String> problems = []
        entries(params.prune_sizes, ',').findAll { !it.endsWith('%') && it.isLong() && (it as long) > poolSamples }.each {
            problems << "--prune_sizes ${it}: larger than the pool; ${pool}. Give a smaller number or a share such as 25%"
        }
        entries(params.add_renditions, ',').findAll { it.isLong() && (it as long) > poolSamples }.each {
            problems << "--add_renditions ${it}: more renditions than the pool has images; ${pool}"
        }
        for (name in ['mix_total', 'natural_base']) {
            if (params[name] instanceof Number && (params[name] as long) > poolSamples) {
                problems << "--${name} ${params[name]}: larger than the pool; ${pool}"
            }
        }
        return problems
    }

    /** Domain-mixture domains (--mixture_domains, dm-<domain>-* splits) that the pool does not have. */
    private static List<String> missingDomains(Map params, List<String> trainSplits, List<String> poolDomains, String poolRows) {
        def have = "the pool's domains are ${poolDomains.join(', ')} (${poolRows})"
        List<String> problems = []
        def chosen = params.mixture_domains instanceof CharSequence ? entries(params.mixture_domains, ',') : null
        chosen?.findAll { !(it in poolDomains) }?.each {
            problems << "--mixture_domains ${it}: the pool has no domain '${it}'; ${have}"
        }
        if (chosen == []) {
            return problems // --mixture_domains none: no mixtures, and the run says why a dm- split is not trained
        }
        def mixtureDomains = chosen ?: poolDomains
        trainSplits.findAll { it.startsWith('dm-') && it.lastIndexOf('-') > 3 }.each { split ->
            def domain = split.substring(3, split.lastIndexOf('-'))
            if (!domain.contains('*') && !(domain in mixtureDomains)) {
                def example = mixtureDomains ? " (e.g. dm-${mixtureDomains.last()}-*)" : ''
                problems << "--train_splits ${split}: no domain-mixture splits for '${domain}'; ${have}${chosen ? " and --mixture_domains ${chosen.join(',')}" : ''}. Name one of them${example}, or leave the mixtures out"
            }
        }
        return problems
    }

    /** Whether a --train_splits entry can match some split of the families (patterns on both sides). */
    static boolean couldMatch(String entry, List<String> families) {
        def concrete = { String pattern -> pattern.replace('*', 'x') }
        return families.any { family ->
            ClipdgStudies.matchesAny(concrete(entry), [family]) || ClipdgStudies.matchesAny(concrete(family), [entry])
        }
    }

    /** A list parameter's entries; none for a value of the wrong type, which the schema check reports. */
    private static List<String> entries(Object value, String separator) {
        def text = value instanceof CharSequence ? ClipdgParams.listValue(value) : null
        return text ? text.tokenize(separator)*.trim().findAll() : []
    }
}
