package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillforge.local.benchmark.NativeBuildFacts;
import dev.skillforge.local.lambda.FunctionPackage;

/** How the local cloud and the benchmark recognise a native build, and what they read from one. */
class NativePackageTest {

    @TempDir
    Path root;

    @Test
    void theNativeExecutableIsFoundByQuarkussNameAndUsedOnlyWhileCurrent() throws IOException {
        Path target = Files.createDirectories(root.resolve("courses-service/target"));
        Path classes = Files.createDirectories(target.resolve("classes/dev"));
        Files.createDirectories(root.resolve("shared-data/target/classes"));
        FunctionPackage function = new FunctionPackage("courses-service", target);
        Files.writeString(target.resolve("courses-service-1.0-runner.jar"), "jar");
        zipInto(target.resolve("function.zip"), "lib/courses-service-1.0-runner.jar");
        assertNull(function.nativeExecutable(), "a runner jar is not a native executable");
        assertEquals(FunctionPackage.Mode.JVM, function.bestMode());
        assertTrue(function.supports(FunctionPackage.Mode.JVM), "a JVM function.zip runs as Lambda's Java runtime would");

        Path executable = target.resolve("courses-service-1.0-runner");
        Files.writeString(executable, "elf");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path compiled = Files.writeString(classes.resolve("Course.class"), "v1");
        Files.setLastModifiedTime(compiled, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(executable, FileTime.fromMillis(2_000_000));
        assertEquals(executable, function.nativeExecutable());
        assertTrue(function.nativeIsCurrent());
        assertFalse(function.supports(FunctionPackage.Mode.NATIVE), "the local cloud runs the package: a JVM function.zip is not one");
        zipInto(target.resolve("function.zip"), "bootstrap");
        Files.setLastModifiedTime(target.resolve("function.zip"), FileTime.fromMillis(2_000_000));
        assertFalse(function.supports(FunctionPackage.Mode.JVM), "the native build replaced the JVM function.zip");
        assertEquals(FunctionPackage.Mode.NATIVE, function.bestMode());
        assertTrue(function.supports(FunctionPackage.Mode.NATIVE));
        // The JVM pass's suites test what that pass built, never a native executable left from an earlier build.
        assertEquals(FunctionPackage.Mode.JVM, function.resolve(FunctionPackage.Mode.JVM_BUILD));

        // A later JVM-only build recompiled a class: the executable is yesterday's code.
        Files.setLastModifiedTime(compiled, FileTime.fromMillis(3_000_000));
        assertFalse(function.nativeIsCurrent());
        assertFalse(function.supports(FunctionPackage.Mode.NATIVE), "asked for explicitly, a stale native build is refused too");
        assertEquals(FunctionPackage.Mode.JVM, function.bestMode());
    }

    @Test
    void theNewestGlibcVersionAnExecutableNeedsIsRead() {
        String symbols = """
                0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.2.5) memcpy
                0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.34) __libc_start_main
                0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.3.4) __sprintf_chk
                0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.33) stat
                """;
        assertEquals("GLIBC_2.34", NativeBuildFacts.newestGlibc(symbols));
        assertEquals("none", NativeBuildFacts.newestGlibc("no versions"));
    }

    @Test
    void aNativeZipHoldsOnlyTheBootstrap() throws IOException {
        Path nativeZip = zip("native.zip", "bootstrap");
        Path jvmZip = zip("jvm.zip", "lib/app.jar", "bootstrap");
        assertTrue(NativeBuildFacts.isNativeZip(nativeZip));
        assertFalse(NativeBuildFacts.isNativeZip(jvmZip));
    }

    private Path zip(String name, String... entries) throws IOException {
        return zipInto(root.resolve(name), entries);
    }

    private static Path zipInto(Path zip, String... entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(1);
                out.closeEntry();
            }
        }
        return zip;
    }
}
