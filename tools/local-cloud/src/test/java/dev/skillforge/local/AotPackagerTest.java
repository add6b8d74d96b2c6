package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillforge.local.aot.AotPackager;

/** The jvm-aot package's file times survive a zip (2-second resolution), so the extracted AOT cache is accepted. */
class AotPackagerTest {

    @TempDir
    Path dir;

    @Test
    void everyFileGetsATimeAZipEntryKeepsExactly() throws IOException {
        Path jar = Files.writeString(Files.createDirectories(dir.resolve("app")).resolve("app.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_003_456L));
        AotPackager.evenSecondTimes(dir);
        assertEquals(1_700_000_002_000L, Files.getLastModifiedTime(jar).toMillis());
    }

    @Test
    void extractedFilesKeepTheirTimesInAnyTimeZone() throws IOException {
        Path jar = Files.writeString(Files.createDirectories(dir.resolve("package/app")).resolve("app.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_002_000L));
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        try {
            // Built on a machine in Tokyo, extracted by Lambda in UTC.
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
            Path zip = AotPackager.zip(dir.resolve("package"));
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            try (dev.skillforge.local.lambda.TaskRoot task = dev.skillforge.local.lambda.TaskRoot.extract(zip, dir.resolve("tasks"), "f")) {
                assertEquals(1_700_000_002_000L, Files.getLastModifiedTime(task.directory().resolve("app/app.jar")).toMillis());
                assertEquals(java.util.List.of(), task.changes());
            }
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
    }

    @Test
    void packagesAreBuiltOnlyOnLambdasPlatform() {
        AotPackager.requireLambdaHost("Linux", "amd64");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AotPackager.requireLambdaHost("Mac OS X", "aarch64"));
        assertTrue(refused.getMessage().contains("Mac OS X/aarch64"), refused.getMessage());
    }
}
