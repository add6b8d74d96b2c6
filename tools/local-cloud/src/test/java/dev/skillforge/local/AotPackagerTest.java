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
    void packagesAreBuiltOnlyOnLambdasPlatform() {
        AotPackager.requireLambdaHost("Linux", "amd64");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AotPackager.requireLambdaHost("Mac OS X", "aarch64"));
        assertTrue(refused.getMessage().contains("Mac OS X/aarch64"), refused.getMessage());
    }
}
