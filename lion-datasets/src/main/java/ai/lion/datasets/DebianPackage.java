package ai.lion.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A Debian package that ships a dataset: tells whether its files are present on this machine and, when
 * they are not, which files are missing and which command installs the package. Installing is left to
 * the user or to the scripts that set up a machine ({@code bin/lion-demo}, {@code .ci/run}); a library
 * never runs a package manager.
 */
public final class DebianPackage {

    private final String name;
    private final List<Path> files;

    private DebianPackage(String name, List<Path> files) {
        this.name = name;
        this.files = files;
    }

    /**
     * @param name  the package name, e.g. {@code dataset-fashion-mnist}
     * @param files the files the package installs and a dataset needs (absolute paths)
     */
    public static DebianPackage of(String name, String... files) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9+.-]+")) {
            throw new IllegalArgumentException("not a Debian package name: '" + name + "'");
        }
        if (files.length == 0) {
            throw new IllegalArgumentException("package " + name + ": at least one file is needed");
        }
        return new DebianPackage(name, Stream.of(files).map(Path::of).toList());
    }

    /** The files the package installs and a dataset needs. */
    public List<Path> files() {
        return files;
    }

    /** The package's files that are missing or unreadable here. */
    public List<Path> missingFiles() {
        return files.stream().filter(file -> !Files.isReadable(file)).toList();
    }

    /** Whether every file of the package is present and readable. */
    public boolean isInstalled() {
        return missingFiles().isEmpty();
    }

    /** The command a user runs to install the package, e.g. {@code sudo apt-get install dataset-fashion-mnist}. */
    public String installCommand() {
        return "sudo apt-get install " + name;
    }

    /** One line for a user: installed, or which files are missing and how to install them. */
    public String status() {
        if (isInstalled()) {
            return name + " is installed (" + files.get(0).getParent() + ")";
        }
        return name + " is not installed (missing " + missingFiles() + "); install it with: " + installCommand();
    }
}
