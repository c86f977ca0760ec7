package org.clipdg.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.clipdg.core.AtomicFiles;
import org.clipdg.report.ReportPage.ProvenanceItem;
import org.clipdg.report.ReportPage.ShownFigure;
import org.clipdg.report.figures.AccuracyBySplit;
import org.clipdg.report.figures.AccuracyVersusSimilarity;
import org.clipdg.report.figures.CounterByClass;
import org.clipdg.report.figures.DomainComposition;
import org.clipdg.report.figures.DomainStudies;
import org.clipdg.report.figures.Figure;
import org.clipdg.report.figures.FigureFiles;
import org.clipdg.report.figures.MechanisticSimilarity;
import org.clipdg.report.figures.NeighbourGrid;
import org.clipdg.report.figures.SimilarityHistograms;
import org.clipdg.schema.InputFile;
import org.clipdg.schema.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The study's figures (PNG and SVG), tables (TSV) and one self-contained report.html (inline CSS and"
                + " SVG, no script, nothing loaded from the network) with a summary in numbers and the run's provenance.",
                "Writes figures/, tables/, provenance.json and report.html (last) into --out."},
        footer = {"", "Example: clipdg report --metrics evaluation/metrics.json --pruning pruning --models models/* "
                + "--datasets datasets/* --out report"})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--metrics", required = true, paramLabel = "FILE", description = "The merged metrics.json (clipdg merge-metrics).")
    Path metrics;

    @Option(names = "--pruning", paramLabel = "DIR", description = "The pruning step's folder (manifest.json): split sizes.")
    Path pruning;

    @Option(names = "--similarity", paramLabel = "DIR", description = "The similarity step's folder (test_neighbours.avro).")
    Path similarity;

    @Option(names = "--domains", paramLabel = "DIR", description = "The domain-splits step's folder (manifest.json, composition.tsv).")
    Path domains;

    @Option(names = "--models", arity = "0..*", paramLabel = "DIR", description = "Model folders: their model cards.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--datasets", arity = "0..*", paramLabel = "DIR", description = "Ingested dataset folders: inputs and their sha256.")
    List<Path> datasets = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE", description = "The run's parameters (JSON).")
    Path params;

    @Option(names = "--samplesheet", paramLabel = "FILE", description = "The run's samplesheet.")
    Path samplesheet;

    @Option(names = "--versions", paramLabel = "FILE", description = "Software versions (JSON object, clipdg versions).")
    Path versions;

    @Option(names = "--grid-images", defaultValue = "4", paramLabel = "N",
            description = "Test images per nearest-neighbour grid (with --similarity and --datasets). Default: ${DEFAULT-VALUE}.")
    int gridImages;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the grids' sample. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--title", defaultValue = "clipdg study report", description = "Heading of the page. Default: ${DEFAULT-VALUE}.")
    String title;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() throws Exception {
        StudyResults results = StudyResults.load(metrics, pruning, domains, models, datasets);
        List<Figure> figures = new ArrayList<>();
        figures.addAll(AccuracyVersusSimilarity.of(results.metrics()));
        figures.add(AccuracyBySplit.figure(results.metrics()));
        List<Table> tables = new ArrayList<>(List.of(AccuracyBySplit.table(results.metrics(), results.splits())));
        if (!results.composition().isEmpty()) {
            figures.add(DomainComposition.figure(results.composition()));
            tables.add(DomainComposition.table(results.composition()));
        }
        if (similarity != null) {
            Path neighbours = similarity.resolve("test_neighbours.avro");
            figures.addAll(SimilarityHistograms.of(neighbours));
            figures.addAll(NeighbourGrid.of(neighbours, results.datasets(), gridImages, 5, seed));
        }
        figures.addAll(CounterByClass.of(results.metrics(), results.testSetDomains()));
        figures.addAll(DomainStudies.of(results.metrics(), results.testSetDomains()));
        figures.addAll(MechanisticSimilarity.of(results.metrics()));

        List<ShownFigure> shown = new ArrayList<>();
        for (Figure figure : figures) {
            shown.add(new ShownFigure(figure.name(), figure.title(), figure.caption(), FigureFiles.write(figure, out.resolve("figures"))));
        }
        for (Table table : tables) {
            table.writeTsv(out.resolve("tables"));
        }
        Provenance provenance = provenance(results);
        provenance.write(out.resolve(Provenance.FILE));
        Table checks = StudyChecks.table(StudyChecks.of(results));
        checks.writeTsv(out.resolve("tables"));
        String page = ReportPage.render(title, Findings.of(results.metrics(), results.splits()), checks, shown, tables,
                provenanceItems(results, provenance));
        AtomicFiles.writeString(out.resolve("report.html"), page);
        System.err.printf("[report] %d figure(s), %d table(s) -> %s%n", figures.size(), tables.size(), out.resolve("report.html"));
        return 0;
    }

    /** Parameters, software and inputs of the run, read from the options' files. */
    private Provenance provenance(StudyResults results) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> software = new TreeMap<>();
        if (versions != null) {
            json.readTree(versions.toFile()).fields().forEachRemaining(e -> software.put(e.getKey(), e.getValue().asText()));
        }
        List<Provenance.Input> inputs = new ArrayList<>();
        results.datasets().forEach((name, dataset) -> {
            for (InputFile input : dataset.manifest().getInputs()) {
                inputs.add(new Provenance.Input(name, dataset.manifest().getRole(), input.getPath(), input.getBytes(),
                        input.getSha256()));
            }
        });
        return new Provenance(params == null ? json.createObjectNode() : json.readTree(params.toFile()), software, inputs);
    }

    private List<ProvenanceItem> provenanceItems(StudyResults results, Provenance provenance) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<ProvenanceItem> items = new ArrayList<>();
        if (params != null) {
            items.add(new ProvenanceItem("Parameters", null, json.writeValueAsString(provenance.parameters())));
        }
        if (samplesheet != null) {
            items.add(new ProvenanceItem("Samplesheet", null, Files.readString(samplesheet)));
        }
        List<List<String>> inputs = provenance.inputs().stream().map(i -> List.of(i.dataset(), i.role(), i.path(),
                String.format(Locale.ROOT, "%,d", i.bytes()), i.sha256())).toList();
        items.add(new ProvenanceItem("Inputs", new Table("inputs", "Inputs", "Every input file of every dataset, as ingestion"
                + " read it.", List.of("dataset", "role", "input", "bytes", "sha256"), inputs), null));
        if (!results.models().isEmpty()) {
            items.add(new ProvenanceItem("Models", models(results.models()), null));
        }
        List<List<String>> rows = provenance.software().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
        items.add(new ProvenanceItem("Software", new Table("software", "Software versions", "As the run's clipdg build"
                + " reports them (clipdg versions) and the Nextflow that ran it.", List.of("component", "version"), rows), null));
        return items;
    }

    private static Table models(Map<String, ModelCard> cards) {
        List<List<String>> rows = new ArrayList<>();
        cards.forEach((name, card) -> rows.add(List.of(name, card.getName(),
                card.getTraining().getSplitSha256(), String.valueOf(card.getTraining().getSeed()),
                String.valueOf(card.getTraining().getEpochs()), String.format(Locale.ROOT, "%,d", card.getTraining().getExamples()),
                String.format(Locale.ROOT, "%.4f", card.getTraining().getFinalLoss()), card.getSoftware().toString())));
        return new Table("models", "Models", "From each model card: architecture, the whitelist sha256 of its training split"
                + " ('all': the whole data), seed, epochs, examples, final loss and the software that trained it.",
                List.of("model", "architecture", "split sha256", "seed", "epochs", "examples", "final loss", "software"), rows);
    }
}
