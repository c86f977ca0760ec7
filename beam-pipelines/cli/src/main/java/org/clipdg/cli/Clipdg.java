package org.clipdg.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.domains.classifier.TrainDomainClassifierCommand;
import org.clipdg.domains.label.LabelDomainsCommand;
import org.clipdg.domains.splits.DomainSplitsCommand;
import org.clipdg.embed.EmbedCommand;
import org.clipdg.embed.EmbedMergeCommand;
import org.clipdg.embed.RandomEmbeddingsCommand;
import org.clipdg.evaluate.EvaluateCommand;
import org.clipdg.evaluate.MergeMetricsCommand;
import org.clipdg.ingest.IngestCommand;
import org.clipdg.ingest.IngestException;
import org.clipdg.ingest.emoji.EmojiDomainsCommand;
import org.clipdg.prune.ExportSplitCommand;
import org.clipdg.prune.PruneCommand;
import org.clipdg.report.ReportCommand;
import org.clipdg.report.ReportRunCommand;
import org.clipdg.similarity.BenchKnnCommand;
import org.clipdg.similarity.SimilarityChunkCommand;
import org.clipdg.similarity.SimilarityCommand;
import org.clipdg.similarity.SimilarityMergeCommand;
import org.clipdg.similarity.SimilarityThresholdsCommand;
import org.clipdg.train.BenchTrainStepCommand;
import org.clipdg.train.TrainCommand;
import org.clipdg.train.TrainingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of clipdg.jar: one subcommand per pipeline step. */
@Command(name = "clipdg", mixinStandardHelpOptions = true, versionProvider = Clipdg.Version.class,
        description = "Is my CLIP model's out-of-distribution accuracy real? The Java steps of the clipdg pipeline.",
        subcommands = {SamplesheetCommand.class, IngestCommand.class, TrainCommand.class, EmbedCommand.class,
                EmbedMergeCommand.class, SimilarityCommand.class, SimilarityThresholdsCommand.class, SimilarityChunkCommand.class,
                SimilarityMergeCommand.class, PruneCommand.class, ExportSplitCommand.class, TrainDomainClassifierCommand.class,
                LabelDomainsCommand.class, DomainSplitsCommand.class, EvaluateCommand.class, MergeMetricsCommand.class,
                ReportCommand.class, ReportRunCommand.class, EmojiDomainsCommand.class, VersionsCommand.class, BenchTrainStepCommand.class, BenchKnnCommand.class,
                RandomEmbeddingsCommand.class})
public final class Clipdg {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Clipdg());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((error, command, parsed) -> {
            // A Beam pipeline wraps what its transforms throw; the cause is what the user must read.
            Throwable cause = error instanceof org.apache.beam.sdk.Pipeline.PipelineExecutionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof Exception exception && isUserFacing(exception)) {
                command.getErr().println(command.getCommandName() + ": error: " + exception.getMessage());
                return 1;
            }
            throw error;
        });
        return cli;
    }

    /** Failures whose message says what the user must fix; anything else keeps its stack trace. */
    private static boolean isUserFacing(Exception error) {
        return error instanceof IngestException || error instanceof TrainingException || error instanceof IOException
                || error instanceof UncheckedIOException || error instanceof IllegalArgumentException
                || error instanceof org.clipdg.core.samplesheet.SamplesheetException
                || error instanceof org.clipdg.faiss.FaissException;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"clipdg " + ClipdgVersion.get()};
        }
    }
}
