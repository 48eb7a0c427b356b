package ai.lion.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebianPackageTest {

    @TempDir
    Path dir;

    @Test
    void aPackageWithAllItsFilesIsInstalled() throws IOException {
        Path present = Files.writeString(dir.resolve("data.gz"), "x");
        DebianPackage pkg = DebianPackage.of("dataset-demo", present.toString());

        assertTrue(pkg.isInstalled());
        assertEquals(List.of(), pkg.missingFiles());
        assertEquals("dataset-demo is installed (" + dir + ")", pkg.status());
    }

    @Test
    void aMissingFileTellsTheCommandThatInstallsThePackage() throws IOException {
        Path present = Files.writeString(dir.resolve("a.gz"), "x");
        Path absent = dir.resolve("b.gz");
        DebianPackage pkg = DebianPackage.of("dataset-demo", present.toString(), absent.toString());

        assertFalse(pkg.isInstalled());
        assertEquals(List.of(absent), pkg.missingFiles());
        assertEquals("sudo apt-get install dataset-demo", pkg.installCommand());
        assertEquals("dataset-demo is not installed (missing [" + absent + "]); install it with: "
                + "sudo apt-get install dataset-demo", pkg.status());
    }

    @Test
    void theDatasetPackagesNameTheirFiles() {
        assertEquals("sudo apt-get install dataset-fashion-mnist", FashionMnistPreparer.DEBIAN_PACKAGE.installCommand());
        assertEquals(4, FashionMnistPreparer.DEBIAN_PACKAGE.files().size());
        assertEquals("sudo apt-get install jargon-text", TextMlmPreparer.DEBIAN_PACKAGE.installCommand());
    }

    @Test
    void rejectsNamesThatAreNotDebianPackageNames() {
        assertThrows(IllegalArgumentException.class, () -> DebianPackage.of("rm -rf /", "/x"));
        assertThrows(IllegalArgumentException.class, () -> DebianPackage.of("Upper", "/x"));
        assertThrows(IllegalArgumentException.class, () -> DebianPackage.of("empty"));
    }
}
