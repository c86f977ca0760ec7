#!/usr/bin/env bash
# Stops the cluster of test/slurm/start.sh STATE_DIR: cancels its jobs, then stops slurmd, slurmctld
# and munged by the pids in STATE_DIR. Nothing to stop is not an error. The state and logs stay.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 STATE_DIR" >&2
    exit 2
fi
[ -d "$1" ] || exit 0
state="$(cd "$1" && pwd)"
export SLURM_CONF="$state/slurm.conf"

# The daemon of this pid file, running: its pid is alive and still that program (not a reused pid).
alive() { [ -s "$1" ] && [ "$(cat "/proc/$(cat "$1")/comm" 2>/dev/null)" = "$(basename "$1" .pid)" ]; }

# Jobs first, while the daemons can still signal them: a job left running would outlive slurmd.
if alive "$state/slurmctld.pid" && alive "$state/slurmd.pid"; then
    scancel --full --quiet "--user=$(id -un)" || true
    for _ in $(seq 1 50); do
        [ -z "$(squeue -h -t PENDING,RUNNING,SUSPENDED,COMPLETING -o %i 2>/dev/null)" ] && break
        sleep 0.2
    done
fi

# The three at once: each takes a second or two to save its state and exit.
declare -A stopping=()
for daemon in slurmd slurmctld munged; do
    if alive "$state/$daemon.pid"; then
        stopping[$daemon]="$(cat "$state/$daemon.pid")"
        kill "${stopping[$daemon]}"
    fi
done
for _ in $(seq 1 50); do
    for daemon in "${!stopping[@]}"; do
        kill -0 "${stopping[$daemon]}" 2>/dev/null || { unset "stopping[$daemon]"; rm -f "$state/$daemon.pid"; }
    done
    [ ${#stopping[@]} -eq 0 ] && break
    sleep 0.1
done
for daemon in "${!stopping[@]}"; do
    echo "$0: $daemon (pid ${stopping[$daemon]}) did not stop on SIGTERM within 5 s; killing it" >&2
    kill -KILL "${stopping[$daemon]}"
    rm -f "$state/$daemon.pid"
done
echo "slurm: stopped (state in $state)"
