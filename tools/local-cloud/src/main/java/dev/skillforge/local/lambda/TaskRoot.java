package dev.skillforge.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * LOCAL ONLY. A function's deployment package extracted the way Lambda extracts it into {@code /var/task}: a fresh
 * folder per execution environment, each file with the unix mode and the modification time its zip entry carries (a
 * zip keeps times at 2-second resolution, which is what the JVM's AOT cache check then sees), and nothing writable.
 * Lambda's task root is a read-only file system; here the files lose their write bits, and because the local cloud
 * may run as root (which ignores them) {@link #changes()} compares the folder with what was extracted, so a function
 * that writes into its package is caught rather than working here and failing on AWS.
 */
public final class TaskRoot implements AutoCloseable {

    private final Path directory;
    private final Map<String, FileState> extracted;

    private record FileState(long size, FileTime modified) {
    }

    private TaskRoot(Path directory, Map<String, FileState> extracted) {
        this.directory = directory;
        this.extracted = extracted;
    }

    /** Extracts {@code zip} into a new folder under {@code parent}. */
    public static TaskRoot extract(Path zip, Path parent, String name) throws IOException {
        Files.createDirectories(parent);
        Path directory = Files.createTempDirectory(parent, name + "-");
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = new ArrayList<>();
            file.getEntries().asIterator().forEachRemaining(entries::add);
            for (ZipArchiveEntry entry : entries) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException(zip + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                if (entry.isUnixSymlink()) {
                    throw new IOException(zip + ": symbolic links are not supported here: " + entry.getName());
                }
                Files.setPosixFilePermissions(target, readOnly(entry.getUnixMode()));
                // The extended (UTC) timestamp when the entry has one, as unzip reads it; else the zone-less DOS time.
                Files.setLastModifiedTime(target, entry.getLastModifiedTime());
            }
        }
        try (Stream<Path> dirs = Files.walk(directory)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                Files.setPosixFilePermissions(dir, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_EXECUTE));
            }
        }
        return new TaskRoot(directory, snapshot(directory));
    }

    /** The zip's mode without write bits; an entry with no unix mode (made elsewhere) is read-only, not executable. */
    private static Set<PosixFilePermission> readOnly(int unixMode) {
        int mode = (unixMode & 0777) == 0 ? 0444 : unixMode & 0555;
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static Map<String, FileState> snapshot(Path directory) {
        Map<String, FileState> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path file : all.toList()) {
                files.put(directory.relativize(file).toString(), Files.isDirectory(file) ? new FileState(-1, null)
                        : new FileState(Files.size(file), Files.getLastModifiedTime(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public Path directory() {
        return directory;
    }

    /** What differs from the package as extracted (files added, removed or changed); empty when the function kept off it. */
    public List<String> changes() {
        Map<String, FileState> now = snapshot(directory);
        List<String> changes = new ArrayList<>();
        now.forEach((file, state) -> {
            FileState before = extracted.get(file);
            if (before == null) {
                changes.add("added " + file);
            } else if (!before.equals(state)) {
                changes.add("changed " + file);
            }
        });
        extracted.keySet().stream().filter(file -> !now.containsKey(file)).forEach(file -> changes.add("removed " + file));
        return changes;
    }

    /** Removes the folder (write bits restored first). */
    @Override
    public void close() {
        remove(directory);
    }

    /** Removes every task root under {@code parent} (what a killed run left behind). */
    public static void removeAll(Path parent) {
        if (Files.isDirectory(parent)) {
            remove(parent);
        }
    }

    private static void remove(Path directory) {
        try (Stream<Path> all = Files.walk(directory)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                if (Files.isDirectory(path)) {
                    Files.setPosixFilePermissions(path, EnumSet.allOf(PosixFilePermission.class));
                }
            }
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a leftover folder under the state directory is harmless
        }
    }
}
