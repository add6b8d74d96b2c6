package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import dev.skillforge.local.benchmark.NativeBuildFacts;
import dev.skillforge.local.lambda.FunctionPackage;

/**
 * The native pass only ({@code -Dnative}): every function's package is one Lambda's provided.al2023 can run. The
 * executable needs no glibc newer than Amazon Linux 2023's 2.34 and no shared library beyond glibc's and zlib (a
 * build host with a newer glibc can pull in newer symbols without any error at build time), and function.zip carries
 * this very executable as bootstrap, executable.
 */
class NativePackageIT {

    private static final Set<String> AL2023_LIBRARIES = Set.of("libc.so.6", "libz.so.1", "libm.so.6", "libdl.so.2",
            "libpthread.so.0", "librt.so.1");

    @Test
    void everyNativePackageRunsOnProvidedAl2023() throws Exception {
        assumeTrue(TestClouds.mode() == FunctionPackage.Mode.NATIVE, "the native pass checks the native packages");
        for (FunctionPackage function : FunctionPackage.all(TestClouds.root())) {
            assertTrue(function.nativeIsCurrent(), function.name() + ": no native executable built from the current classes");
            Path executable = function.nativeExecutable();
            String glibc = NativeBuildFacts.newestGlibc(NativeBuildFacts.objdump(executable, "-T"));
            assertTrue(glibc.startsWith("GLIBC_"), function.name() + ": no glibc symbol versions found (" + glibc + ")");
            List<Integer> version = List.of(glibc.replace("GLIBC_", "").split("\\.")).stream().map(Integer::parseInt).toList();
            assertTrue(version.get(0) < 2 || version.get(0) == 2 && version.get(1) <= 34,
                    function.name() + " needs " + glibc + ", newer than provided.al2023's glibc 2.34");
            List<String> needed = NativeBuildFacts.neededLibraries(NativeBuildFacts.objdump(executable, "-p"));
            assertTrue(AL2023_LIBRARIES.containsAll(needed), function.name() + " links " + needed);

            Path zip = function.target().resolve("function.zip");
            assertTrue(NativeBuildFacts.isNativeZip(zip), zip + " is not a native package");
            try (ZipFile file = new ZipFile(zip.toFile())) {
                var bootstrap = file.getEntry("bootstrap");
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(Files.readAllBytes(executable));
                assertEquals(crc.getValue(), bootstrap.getCrc(), function.name() + ": bootstrap is not the current executable");
                // Lambda runs bootstrap directly: the zip must keep its unix execute bit.
                int unixMode = (int) ((externalAttributes(zip, "bootstrap") >> 16) & 0777);
                assertTrue((unixMode & 0100) != 0, function.name() + ": bootstrap is not executable in the zip (mode " + Integer.toOctalString(unixMode) + ")");
            }
        }
    }

    private static long externalAttributes(Path zip, String name) throws Exception {
        try (org.apache.commons.compress.archivers.zip.ZipFile file = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                .setPath(zip).get()) {
            return file.getEntry(name).getExternalAttributes();
        }
    }
}
