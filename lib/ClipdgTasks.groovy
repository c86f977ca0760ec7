/** What a task's clipdg JVM gets from the task's resources. */
class ClipdgTasks {
    /** CLIPDG_JAVA_OPTS of a task: a heap of three quarters of its memory (the rest for native libraries), at least {@code floorMb}. */
    static String javaOptions(task, long floorMb = 512) {
        return "-Xmx${Math.max(floorMb, (task.memory.toMega() * 3 / 4) as long)}m"
    }
}
