package org.clipdg.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands WebDataset shard patterns as img2dataset and webdataset write them:
 * {@code /data/{00000..00099}.tar} (zero padding kept) and {@code {a,b,c}} lists, nested left to right.
 */
public final class BraceExpansion {
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\.\\.(\\d+)");

    private BraceExpansion() {}

    public static List<String> expand(String pattern) {
        int open = pattern.indexOf('{');
        if (open < 0) {
            if (pattern.indexOf('}') >= 0) {
                throw new IllegalArgumentException("unbalanced '}' in '" + pattern + "'");
            }
            return List.of(pattern);
        }
        int close = pattern.indexOf('}', open);
        if (close < 0) {
            throw new IllegalArgumentException("unbalanced '{' in '" + pattern + "'");
        }
        String head = pattern.substring(0, open);
        String body = pattern.substring(open + 1, close);
        List<String> tails = expand(pattern.substring(close + 1));
        List<String> result = new ArrayList<>();
        for (String alternative : alternatives(body, pattern)) {
            for (String tail : tails) {
                result.add(head + alternative + tail);
            }
        }
        return result;
    }

    private static List<String> alternatives(String body, String pattern) {
        Matcher range = RANGE.matcher(body);
        if (range.matches()) {
            String from = range.group(1);
            long start = Long.parseLong(from);
            long end = Long.parseLong(range.group(2));
            if (end < start) {
                throw new IllegalArgumentException("descending range {" + body + "} in '" + pattern + "'");
            }
            int width = from.length();
            List<String> values = new ArrayList<>();
            for (long i = start; i <= end; i++) {
                values.add(String.format("%0" + width + "d", i));
            }
            return values;
        }
        if (body.contains(",")) {
            return List.of(body.split(",", -1));
        }
        throw new IllegalArgumentException("'{" + body + "}' in '" + pattern + "' is neither a range {N..M} nor a list {a,b}");
    }
}
