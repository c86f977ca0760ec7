import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import org.apache.commons.lang.StringUtils

/**
 * The pipeline's parameters as nextflow_schema.json describes them: validation before any task
 * runs (every problem at once) and the --help text. Plain Groovy, no plugin.
 */
class ClipdgParams {

    /** name -> its schema entry, in the schema's order, with the group title under '_group'. */
    static Map<String, Map> definitions(Path schemaFile) {
        def schema = new JsonSlurper().parse(schemaFile.toFile()) as Map
        Map<String, Map> byName = [:]
        schema.definitions.each { key, group ->
            group.properties.each { name, entry -> byName[name as String] = (entry as Map) + [_group: group.title] }
        }
        return byName
    }

    /** Every problem with the given parameters; empty when they are all valid. */
    static List<String> validate(Map params, Path schemaFile, String projectDir) {
        def known = definitions(schemaFile)
        List<String> problems = []
        params.each { key, value ->
            String name = key as String
            if (!known.containsKey(name) && !known.containsKey(snakeCase(name))) {
                def close = known.keySet().findAll { StringUtils.getLevenshteinDistance(it, name) <= 2 }
                problems << "--${name}: unknown parameter${close ? " (did you mean --${close.join(', --')}?)" : ''}"
            }
        }
        known.each { name, entry ->
            if (!params.containsKey(name)) {
                return
            }
            def value = entry['x-named-in'] ? named(params[name], "${projectDir}/${entry['x-named-in']}") : params[name]
            def problem = check(value, entry)
            if (problem) {
                problems << "--${name} ${params[name] instanceof CharSequence ? "'${params[name]}'" : params[name]}: ${problem}"
            }
        }
        return problems
    }

    private static String check(Object value, Map entry) {
        if (value == null) {
            return entry.containsKey('default') && entry.default != null ? 'needs a value' : null
        }
        switch (entry.type) {
            case 'boolean':
                return value instanceof Boolean ? null : 'expected true or false'
            case 'integer':
                if (!(value instanceof Integer || value instanceof Long)) {
                    return 'expected an integer'
                }
                break
            case 'number':
                if (!(value instanceof Number)) {
                    return 'expected a number'
                }
                break
            default:
                if (value instanceof Boolean) {
                    return entry['x-empty'] ? "needs a value (Nextflow reads an empty value as true): write '${entry['x-empty']}' for none" : 'needs a value'
                }
                value = value.toString()
        }
        if (entry.enum && !(value in entry.enum)) {
            return "expected one of ${entry.enum.join(', ')}"
        }
        if (entry.pattern && !(value ==~ entry.pattern)) {
            return entry.errorMessage ?: "does not match ${entry.pattern}"
        }
        if (entry.containsKey('minimum') && (value as BigDecimal) < (entry.minimum as BigDecimal)) {
            return "must be >= ${entry.minimum}"
        }
        if (entry.containsKey('exclusiveMinimum') && (value as BigDecimal) <= (entry.exclusiveMinimum as BigDecimal)) {
            return "must be > ${entry.exclusiveMinimum}"
        }
        if (entry.containsKey('maximum') && (value as BigDecimal) > (entry.maximum as BigDecimal)) {
            return "must be <= ${entry.maximum}"
        }
        if (entry.exists && !Files.exists(Path.of(value as String))) {
            return entry.format == 'directory-path' ? 'no such folder' : 'no such file'
        }
        return null
    }

    /** A list-valued parameter as the steps take it: its documented word for none ('none') is the empty list. */
    static String listValue(Object value) {
        return value == null ? null : (value.toString().trim() == 'none' ? '' : value.toString())
    }

    /** A file parameter that may also name a file of a folder of the project (--model_config tiny-vit). */
    static Object named(Object value, String folder) {
        if (!(value instanceof CharSequence)) {
            return value
        }
        def candidate = Path.of(folder, "${value}.json")
        return !value.toString().contains('/') && Files.isRegularFile(candidate) ? candidate.toString() : value.toString()
    }

    /** The parameters by group: name, type, default and description. */
    static String help(Path schemaFile, String projectDir) {
        def text = new StringBuilder('Usage: bin/nextflow run main.nf [-profile test|slurm|gpu|docker|apptainer|flink] [--parameter value ...]\n')
        String group = null
        definitions(schemaFile).each { name, entry ->
            if (entry._group != group) {
                group = entry._group
                text << "\n${group}:\n"
            }
            def fallback = entry.containsKey('default') ? " [default: ${entry.default.toString().replace('${projectDir}', projectDir)}]" : ''
            def choices = entry.enum ? " (${entry.enum.join('|')})" : ''
            text << "  --${name.padRight(24)} ${entry.type}${choices}${fallback}\n      ${entry.description}\n"
        }
        return text.toString()
    }

    /** Nextflow keeps --a-b as aB too: both name the a_b parameter. */
    private static String snakeCase(String name) {
        return name.replace('-', '_').replaceAll(/([a-z0-9])([A-Z])/, '$1_$2').toLowerCase()
    }
}
