package org.clipdg.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhitelistTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("whitelist.tsv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String readError(String text) throws IOException {
        Path file = file(text);
        return assertThrows(IOException.class, () -> Whitelist.read(file)).getMessage();
    }

    @Test
    void writeSortsDeduplicatesAndReadsBack() throws IOException {
        Path file = dir.resolve("w.tsv");
        Whitelist written = Whitelist.write(file, List.of(
                new String[] {"pool", "k2"}, new String[] {"clipart", "k9"}, new String[] {"pool", "k10"},
                new String[] {"pool", "k2"}));
        assertEquals("clipart\tk9\npool\tk10\npool\tk2\n", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("w.tsv.partial")));

        Whitelist read = Whitelist.read(file);
        assertEquals(3, read.size());
        assertEquals(Hashing.sha256(file), read.sha256());
        assertEquals(written.sha256(), read.sha256());
        assertTrue(read.contains("pool", "k10"));
        assertTrue(read.contains("clipart", "k9"));
        assertFalse(read.contains("pool", "k9"));
        assertFalse(read.contains("pool", "k1"));
        assertEquals(1, read.indexOf("pool", "k10"));
        assertEquals(-1, read.indexOf("pool", "k3"));
        assertEquals(new Whitelist.Entry("pool", "k2"), read.entries().get(2));
    }

    @Test
    void emptyFileAndMissingFinalNewlineAreAccepted() throws IOException {
        assertEquals(0, Whitelist.read(file("")).size());
        assertTrue(Whitelist.read(file("a\tk1\na\tk2")).contains("a", "k2"));
    }

    @Test
    void unsortedLineIsReportedWithItsNumber() throws IOException {
        String message = readError("a\tk1\nb\tk1\na\tk2\n");
        assertTrue(message.contains("whitelist.tsv line 3: not sorted"), message);
    }

    @Test
    void duplicateLineIsReportedWithItsNumber() throws IOException {
        String message = readError("a\tk1\na\tk2\na\tk2\n");
        assertTrue(message.contains("whitelist.tsv line 3: duplicate entry"), message);
    }

    @Test
    void malformedLinesAreReportedWithTheirNumber() throws IOException {
        assertTrue(readError("a\tk1\na k2\n").contains("line 2: expected '<dataset>\\t<key>'"));
        assertTrue(readError("a\tk1\ta\n").contains("line 1: expected"));
        assertTrue(readError("a\tk1\n\na\tk2\n").contains("line 2: expected"));
        assertTrue(readError("a\t\n").contains("line 1: expected"));
        assertTrue(readError("a\tk1\r\na\tk2\r\n").contains("line 1: expected"));
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        Path file = dir.resolve("bad.tsv");
        Files.write(file, new byte[] {'a', '\t', (byte) 0xff, '\n'});
        assertTrue(assertThrows(IOException.class, () -> Whitelist.read(file)).getMessage().contains("not valid UTF-8"));
    }

    @Test
    void writeRejectsFieldsThatWouldBreakTheFormat() {
        Path file = dir.resolve("w.tsv");
        assertThrows(IllegalArgumentException.class, () -> Whitelist.write(file, List.<String[]>of(new String[] {"a", "k\t1"})));
        assertThrows(IllegalArgumentException.class, () -> Whitelist.write(file, List.<String[]>of(new String[] {"", "k"})));
        assertThrows(IllegalArgumentException.class, () -> Whitelist.write(file, List.<String[]>of(new String[] {"a"})));
        assertFalse(Files.exists(file));
    }
}
