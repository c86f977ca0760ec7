package org.clipdg.core.beam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

class BeamRunnersTest {
    @Test
    void theDirectRunnerAndAnEmbeddedFlinkRunInThisJvmAFlinkClusterDoesNot() {
        assertTrue(BeamRunners.runsInThisJvm(options()));
        assertTrue(BeamRunners.runsInThisJvm(options("--runner=FlinkRunner", "--flinkMaster=[local]")));
        assertTrue(BeamRunners.runsInThisJvm(options("--runner=FlinkRunner")), "[auto], with no cluster to find");
        assertFalse(BeamRunners.runsInThisJvm(options("--runner=FlinkRunner", "--flinkMaster=jobmanager:8081")));
    }

    private static PipelineOptions options(String... args) {
        return BeamRunners.options(List.of(args), PipelineOptions.class);
    }
}
