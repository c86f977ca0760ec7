package org.clipdg.domains.splits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rendition:natural ratio of a mixture, both parts positive. */
record MixRatio(int rendition, int natural) {
    private static final Pattern RATIO = Pattern.compile("([0-9]{1,9}):([0-9]{1,9})");

    MixRatio {
        if (rendition < 1 || natural < 1) {
            throw new IllegalArgumentException("mixture ratio " + rendition + ":" + natural + " needs two positive parts");
        }
    }

    /** Parses "1:3,1:1"; an empty list is "". */
    static List<MixRatio> parseList(String text) {
        List<MixRatio> ratios = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String part : text.split(",", -1)) {
                ratios.add(parse(part));
            }
        }
        return List.copyOf(ratios);
    }

    static MixRatio parse(String text) {
        Matcher matcher = RATIO.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("mixture ratio '" + text
                    + "' must be rendition:natural, two positive integers such as 1:3");
        }
        return new MixRatio(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** "1:3, 1:1". */
    static String join(List<MixRatio> ratios) {
        return String.join(", ", ratios.stream().map(MixRatio::toString).toList());
    }

    /** Renditions in a mixture of {@code total}: total * r / (r + n), rounded half up. */
    long renditionsOf(long total) {
        long parts = (long) rendition + natural;
        return (2 * total * rendition + parts) / (2 * parts);
    }

    /** The form used in split names: "1_3". */
    String fileForm() {
        return rendition + "_" + natural;
    }

    @Override
    public String toString() {
        return rendition + ":" + natural;
    }
}
