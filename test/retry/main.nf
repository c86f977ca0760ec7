// The retry rule of conf/base.config, run by RetryRuleTest with the pipeline's nextflow.config:
// killed for resources or by the scheduler (exit 137: out of memory; 140: a scheduler's limit; 143:
// SIGTERM, a cancelled or preempted job) -> one retry with doubled memory; any other failure -> no
// retry, the task's own message shown. SlurmClusterTest sees the same rule on a real SLURM.
params.with_failure = false

process KILLED_ONCE {
    tag "exit ${code}"
    label 'process_low'

    input:
    val code

    output:
    stdout

    script:
    """
    echo "exit ${code}: attempt ${task.attempt} with ${task.memory.toGiga()} GB"
    if [ ${task.attempt} -eq 1 ]; then exit ${code}; fi
    """
}

process BAD_INPUT {
    label 'process_low'

    script:
    """
    echo "clipdg ingest: shard broken.tar, record 7: not a tar entry" >&2
    exit 1
    """
}

workflow {
    KILLED_ONCE(Channel.of(137, 140, 143)).view { it.trim() }
    if (params.with_failure) {
        BAD_INPUT()
    }
}
