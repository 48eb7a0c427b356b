package ai.lion.datasets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A Debian package that ships a dataset: tells whether its files are present on this machine, which
 * command installs it, and installs it with {@code apt-get} when the process may do so (it runs as
 * root and {@code apt-get} is on the {@code PATH}).
 */
public final class DebianPackage {

    private static final Logger LOG = LoggerFactory.getLogger(DebianPackage.class);
    private static final int OUTPUT_LINES_KEPT = 20;

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

    public String name() {
        return name;
    }

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

    /** Whether {@link #install()} can work here: the process runs as root and {@code apt-get} is on the PATH. */
    public boolean canInstall() {
        return isRoot() && aptGet() != null;
    }

    /** One line for a user: installed, or how to install it. */
    public String status() {
        if (isInstalled()) {
            return name + " is installed (" + files.get(0).getParent() + ")";
        }
        return name + " is not installed (missing " + missingFiles() + "); install it with: " + installCommand();
    }

    /**
     * Installs the package with {@code apt-get install -y}; if that fails, runs {@code apt-get update}
     * and tries once more. Does nothing if the package is installed already.
     *
     * @throws IllegalStateException if this process cannot install packages (see {@link #canInstall()}),
     *                               or if the files are still missing afterwards
     * @throws IOException           if {@code apt-get} fails; the message holds the end of its output
     */
    public void install() throws IOException, InterruptedException {
        if (isInstalled()) {
            return;
        }
        if (!canInstall()) {
            throw new IllegalStateException("cannot install " + name + " from this process (needs root and "
                    + "apt-get on the PATH); run: " + installCommand());
        }
        String aptGet = aptGet().toString();
        try {
            run(aptGet, "install", "-y", "--no-install-recommends", name);
        } catch (IOException firstAttempt) {
            LOG.info("apt-get install {} failed ({}); updating the package lists and retrying", name,
                    firstAttempt.getMessage());
            run(aptGet, "update");
            run(aptGet, "install", "-y", "--no-install-recommends", name);
        }
        if (!isInstalled()) {
            throw new IllegalStateException("apt-get installed " + name + " but " + missingFiles()
                    + " are still missing");
        }
    }

    /**
     * Makes sure the package is installed: returns if it is, installs it if {@code allowInstall} and
     * {@link #canInstall()}, and otherwise fails with the command to run.
     */
    public void ensureInstalled(boolean allowInstall) throws IOException, InterruptedException {
        if (isInstalled()) {
            return;
        }
        if (allowInstall && canInstall()) {
            install();
            return;
        }
        throw new IllegalStateException(status());
    }

    @Override
    public String toString() {
        return "DebianPackage{" + name + ", files=" + files + "}";
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path aptGet() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "apt-get"))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        LOG.info("running {}", String.join(" ", command));
        Process process = builder.start();
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                LOG.info("{}", line);
                tail.addLast(line);
                if (tail.size() > OUTPUT_LINES_KEPT) {
                    tail.removeFirst();
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit + ":"
                    + System.lineSeparator() + String.join(System.lineSeparator(), tail));
        }
    }
}
