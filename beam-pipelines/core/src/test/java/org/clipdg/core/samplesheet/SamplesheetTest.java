package org.clipdg.core.samplesheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesheetTest {
    private static final String HEADER = "name,role,format,path,domain,group,classes\n";

    @TempDir
    Path dir;

    @BeforeEach
    void inputs() throws IOException {
        Files.createDirectories(dir.resolve("shards"));
        Files.createDirectories(dir.resolve("folder/cat"));
        Files.createDirectories(dir.resolve("qd"));
        for (String shard : List.of("00000.tar", "00001.tar", "00002.tar")) {
            Files.writeString(dir.resolve("shards").resolve(shard), "x");
        }
        Files.writeString(dir.resolve("qd/circle.ndjson.gz"), "x");
        Files.writeString(dir.resolve("qd/square.ndjson.gz"), "x");
        Files.writeString(dir.resolve("spec.json"), "{}");
    }

    private Path sheet(String body) throws IOException {
        return Files.writeString(dir.resolve("sheet.csv"), HEADER + body);
    }

    private SamplesheetException invalid(String body) throws IOException {
        return assertThrows(SamplesheetException.class, () -> Samplesheet.read(sheet(body)));
    }

    @Test
    void validSheetResolvesInputsRelativeToItsFolder() throws Exception {
        List<DatasetEntry> entries = Samplesheet.read(sheet("""
                # comment lines and blank lines are ignored

                pool,pool,webdataset,shards/{00000..00002}.tar,,,
                folder,test,imagefolder,folder,photo,,cat
                qd,test,quickdraw,qd,quickdraw,,circle;square
                gen,labelled,synthetic,spec.json,,counter,
                """));
        assertEquals(4, entries.size());
        DatasetEntry pool = entries.get(0);
        assertEquals(Role.POOL, pool.role());
        assertEquals(Format.WEBDATASET, pool.format());
        assertEquals(3, pool.inputs().size());
        assertEquals(dir.resolve("shards/00002.tar").toAbsolutePath().normalize(), pool.inputs().get(2));
        assertEquals(List.of("circle", "square"), entries.get(2).classes());
        assertEquals(List.of(dir.resolve("qd/circle.ndjson.gz").toAbsolutePath().normalize(),
                dir.resolve("qd/square.ndjson.gz").toAbsolutePath().normalize()), entries.get(2).inputs());
        assertEquals("counter", entries.get(3).group());
        assertEquals(4, pool.line(), "header, comment and blank line come first");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsLine() throws IOException {
        SamplesheetException e = invalid("""
                ok,pool,synthetic,spec.json,,,
                ok,test,synthetic,spec.json,,,
                b,trainset,synthetic,spec.json,,,
                c,test,tarball,spec.json,,,
                d,test,synthetic,missing.json,,,
                e,test,webdataset,shards/{00000..00005}.tar,,,
                f,test,quickdraw,qd,,,circle;hexagon
                9bad,test,synthetic,spec.json,,,
                g,test,synthetic,spec.json,,,a;;b
                """);
        List<String> problems = e.problems();
        assertEquals(8, problems.size(), e.getMessage());
        assertTrue(problems.get(0).startsWith("line 3 ('ok'): duplicate name"), problems.get(0));
        assertTrue(problems.get(1).contains("line 4 ('b'): unknown role 'trainset' (expected one of pool, reference, test, labelled)"));
        assertTrue(problems.get(2).contains("line 5 ('c'): unknown format 'tarball'"));
        assertTrue(problems.get(3).contains("line 6 ('d'): file not found"));
        assertTrue(problems.get(4).contains("line 7 ('e'): 3 of 6 shard(s) not found"));
        assertTrue(problems.get(5).contains("line 8 ('f'): QuickDraw classes without a .ndjson.gz file") && problems.get(5).contains("hexagon"));
        assertTrue(problems.get(6).contains("line 9 ('9bad'): name must start with a letter"));
        assertTrue(problems.get(7).contains("line 10 ('g'): empty class name"));
        assertTrue(e.getMessage().contains("sheet.csv has 8 problems"), e.getMessage());
    }

    @Test
    void missingColumnsAndEmptySheetsAreClearErrors() throws IOException {
        Path noGroup = Files.writeString(dir.resolve("cols.csv"), "name,role,format,path,domain,classes\na,pool,synthetic,spec.json,,\n");
        SamplesheetException columns = assertThrows(SamplesheetException.class, () -> Samplesheet.read(noGroup));
        assertTrue(columns.getMessage().contains("lacks column(s) [group]"), columns.getMessage());
        assertTrue(invalid("").getMessage().contains("no datasets listed"));
        SamplesheetException absent = assertThrows(SamplesheetException.class, () -> Samplesheet.read(dir.resolve("nope.csv")));
        assertTrue(absent.getMessage().contains("nope.csv") && absent.getMessage().contains("file not found"));
    }

    @Test
    void wrongNumberOfFieldsNamesTheLine() throws IOException {
        SamplesheetException e = invalid("a,pool,synthetic,spec.json\n");
        assertTrue(e.problems().get(0).startsWith("line 2 ('a'): expected 7 columns, found 4"), e.getMessage());
    }

    @Test
    void aByteOrderMarkAsSpreadsheetsSaveIsNotPartOfTheHeader() throws Exception {
        Files.writeString(dir.resolve("sheet.csv"), "\uFEFF" + HEADER + "pool,pool,synthetic,spec.json,,,\n");
        assertEquals("pool", Samplesheet.read(dir.resolve("sheet.csv")).get(0).name());
    }

    @Test
    void aDomainFolderRowNeedsItsRootFolder() throws Exception {
        Files.createDirectories(dir.resolve("pacs/photo/dog"));
        assertEquals(Format.DOMAINFOLDER, Samplesheet.read(sheet("pacs,pool,domainfolder,pacs,photo;sketch,,\n")).get(0).format());
        SamplesheetException e = invalid("pacs,pool,domainfolder,nowhere,,,\n");
        assertTrue(e.getMessage().contains("folder not found"), e.getMessage());
    }

    @Test
    void anOptionalColumnLabelsTheRowsOwnDomainNames() throws Exception {
        Files.createDirectories(dir.resolve("emoji/fluent_flat/star"));
        Files.writeString(dir.resolve("sheet.csv"), "name,role,format,path,domain,group,classes,domain_labels\n"
                + "emoji,test,domainfolder,emoji,,,,fluent_flat=rendition\n");
        DatasetEntry entry = Samplesheet.read(dir.resolve("sheet.csv")).get(0);
        assertEquals("rendition", entry.labels("").label("fluent_flat"));
        assertEquals("rendition", entry.labels("fluent_flat=natural").label("fluent_flat"), "the row's own mapping wins");
        assertEquals("natural", entry.labels("studio=natural").label("studio"));
        Files.writeString(dir.resolve("sheet.csv"), "name,role,format,path,domain,group,classes,domain_labels\n"
                + "emoji,test,domainfolder,emoji,,,,fluent_flat=drawing\n");
        SamplesheetException e = assertThrows(SamplesheetException.class, () -> Samplesheet.read(dir.resolve("sheet.csv")));
        assertTrue(e.getMessage().contains("line 2 ('emoji'): column domain_labels: domain label mapping 'fluent_flat=drawing'"),
                e.getMessage());
    }
}
