package org.clipdg.ingest.emoji;

import java.util.List;
import java.util.Map;

/** LICENSES.md of the output folder: where each domain's images come from and under which licence. */
final class LicenceNotes {
    private static final String MIT_TEXT = """
            MIT License

            Copyright (c) Microsoft Corporation.

            Permission is hereby granted, free of charge, to any person obtaining a copy
            of this software and associated documentation files (the "Software"), to deal
            in the Software without restriction, including without limitation the rights
            to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
            copies of the Software, and to permit persons to whom the Software is
            furnished to do so, subject to the following conditions:

            The above copyright notice and this permission notice shall be included in all
            copies or substantial portions of the Software.

            THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
            IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
            FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
            AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
            LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
            OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
            SOFTWARE.
            """;

    private LicenceNotes() {}

    static String markdown(List<Map.Entry<EmojiDomain, NpmPackage>> domains) {
        StringBuilder md = new StringBuilder("""
                # Licences of these images

                Each image is a modified copy of a picture from an npm package: emoji are rescaled, tilted,
                moved and put on a coloured background, sometimes blurred, with a little noise added;
                QuickDraw drawings are enlarged from 28x28 bitmaps. SOURCES.tsv names the package, version,
                licence, emoji and source file of every image.

                | Folder | Source | npm package | Licence |
                |---|---|---|---|
                """);
        for (Map.Entry<EmojiDomain, NpmPackage> entry : domains) {
            EmojiDomain domain = entry.getKey();
            md.append("| ").append(domain.folder()).append("/ | ").append(domain.credit()).append(" | ")
                    .append(entry.getValue()).append(" | [").append(domain.licence().spdx()).append("](")
                    .append(domain.licence().url()).append(") |\n");
        }
        if (domains.stream().anyMatch(d -> d.getKey().licence() == Licence.CC_BY_SA_4)) {
            md.append("\nImages under CC-BY-SA-4.0 are adaptations and are shared under the same licence.\n");
        }
        if (domains.stream().anyMatch(d -> d.getKey().licence() == Licence.MIT)) {
            md.append("\n## Fluent Emoji licence\n\n```\n").append(MIT_TEXT).append("```\n");
        }
        return md.toString();
    }
}
