import java.util.regex.Pattern

/**
 * The four studies (docs/science.md) as families of training splits, named as the pruning and domain
 * steps name them, and the choice of which of those splits to train (--study, --train_splits,
 * --seeds). Plain Groovy, so the choice can be tested without running a task.
 */
class ClipdgStudies {

    /** Each study's splits, as patterns over split names ('*' matches any run of characters). */
    static final Map<String, List<String>> SPLITS = [
        similarity: ['all', 'similarity_matched-*', 'near-*', 'far-*', 'random-*', 'dedup-*'],
        domains   : ['all', 'natural_only', 'rendition_only', 'mix-*', 'add_renditions-*'],
        mixtures  : ['dm-*'],
        counter   : ['all'],
    ].asImmutable()

    /** The studies named by --study ('all' for every one), in SPLITS order. */
    static List<String> studies(String study) {
        def named = study.tokenize(',')*.trim()
        return named.contains('all') ? SPLITS.keySet() as List : SPLITS.keySet().findAll { it in named } as List
    }

    /** Whether the studies need the domain-splits step (the domain study's subsets, the mixture study's splits). */
    static boolean needsDomainSteps(List<String> studies) {
        return studies.any { it in ['domains', 'mixtures'] }
    }

    /** Whether the studies need the domain classifier's labels (the domain study; the mixtures use ground truth). */
    static boolean needsDomainLabels(List<String> studies) {
        return 'domains' in studies
    }

    /** Training seeds: --seeds (comma-separated), else the pipeline's --seed. */
    static List<Long> seeds(Object seeds, Object seed) {
        return seeds ? seeds.toString().tokenize(',').collect { it.trim() as long } : [seed as long]
    }

    /** A trained model's name: clip-<split>, with -seed<N> when several seeds train each split. */
    static String modelId(String split, long seed, int seedCount) {
        return seedCount > 1 ? "clip-${split}-seed${seed}" : "clip-${split}"
    }

    /**
     * Which splits to train, of those the steps made.
     *
     * @param made split names the pruning step made, then the domain step's
     * @param trainSplits --train_splits: names or patterns, comma-separated; '*' for every split of the studies
     * @return chosen: split names in the order made; problems: errors to stop on; notes: splits left out and why
     */
    static Map choose(List<String> made, List<String> studies, String trainSplits) {
        def studyPatterns = studies.collectMany { SPLITS[it] }.unique()
        def wanted = (trainSplits ?: '').tokenize(',')*.trim().findAll()
        def chosen = made.findAll { name -> matchesAny(name, studyPatterns) && matchesAny(name, wanted) }
        def labelPatterns = SPLITS.domains - SPLITS.similarity
        def missing = [
            [patterns: labelPatterns, made: made.any { matchesAny(it, labelPatterns) },
             why: 'no domain-label splits were made (domain labelling unreached, or no labelled dataset)'],
            [patterns: SPLITS.mixtures, made: made.any { matchesAny(it, SPLITS.mixtures) },
             why: "no domain-mixture splits were made (the pool has no ground-truth domains, or --mixture_domains '')"],
        ]
        List<String> problems = []
        List<String> notes = []
        def everyPattern = SPLITS.values().flatten().unique()
        wanted.findAll { !it.contains('*') }.each { name ->
            def known = name in made || matchesAny(name, everyPattern)
            def family = missing.find { !it.made && matchesAny(name, it.patterns) }
            if (known && !matchesAny(name, studyPatterns)) {
                notes << "${name}: not a split of --study ${studies.join(',')}, so not trained"
            } else if (known && !(name in made) && family) {
                notes << "${name}: ${family.why}"
            } else if (!(name in made)) {
                problems << "no split named ${name}; the pruning and domain steps made ${made.sort(false).join(', ')}"
            }
        }
        return [chosen: chosen, problems: problems*.toString(), notes: notes*.toString()]
    }

    static boolean matchesAny(String name, List<String> patterns) {
        return patterns.any { pattern -> name ==~ pattern.split('\\*', -1).collect { Pattern.quote(it) }.join('.*') }
    }
}
