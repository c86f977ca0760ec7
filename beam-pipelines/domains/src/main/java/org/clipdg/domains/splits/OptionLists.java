package org.clipdg.domains.splits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses the command's list options strictly: no empty entries, no blanks around them. */
final class OptionLists {
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");

    private OptionLists() {}

    /** Non-negative counts separated by ','; "" is none. */
    static List<Integer> counts(String option, String text) {
        List<Integer> counts = new ArrayList<>();
        for (String entry : names(option, text, ",")) {
            if (!COUNT.matcher(entry).matches()) {
                throw new IllegalArgumentException(option + ": '" + entry + "' is not a count (a non-negative integer)");
            }
            counts.add(Integer.parseInt(entry));
        }
        return List.copyOf(counts);
    }

    /** Names separated by {@code separator}; "" is none. */
    static List<String> names(String option, String text, String separator) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> names = List.of(text.split(Pattern.quote(separator), -1));
        for (String name : names) {
            if (name.isEmpty() || !name.strip().equals(name)) {
                throw new IllegalArgumentException(option + ": empty or blank-padded entry in '" + text + "'");
            }
        }
        return names;
    }
}
