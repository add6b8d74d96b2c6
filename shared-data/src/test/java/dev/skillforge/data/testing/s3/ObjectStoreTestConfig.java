package dev.skillforge.data.testing.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import dev.skillforge.data.testing.TestAws;
import dev.skillforge.data.testing.TestConfigContributor;
import dev.skillforge.data.testing.sigv4.RequestSignature.SigningKey;

/**
 * TEST ONLY. Every function under test points its S3 client and presigner at one {@link LocalObjectStore} per test JVM
 * ({@link #shared()}). It checks SigV4 signatures against the keys the functions' SDK finds in the test JVM's system
 * properties ({@link TestAws}) and grants what the functions' roles grant on AWS: object reads, writes and deletes,
 * but no {@code s3:ListBucket}, so a HEAD of a missing key answers 403 as it does for the deployed functions.
 */
public class ObjectStoreTestConfig implements TestConfigContributor {

    private static LocalObjectStore store;

    /** The test JVM's store (started on first use, its folder removed at exit), for reading what the functions stored. */
    public static synchronized LocalObjectStore shared() {
        if (store == null) {
            TestAws.setSystemProperties();
            try {
                Path folder = Files.createTempDirectory("skillforge-s3-");
                store = new LocalObjectStore(folder, S3RequestCheck.sigV4(SigningKey.of(TestAws.accessKeyId(), TestAws.secretAccessKey()),
                        TestAws.REGION, (action, resource) -> !action.equals("s3:ListBucket")), System.err::println);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> removeAll(folder), "object-store-cleanup"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return store;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("skillforge.assets.endpoint", shared().endpoint().toString(), "skillforge.assets.region", TestAws.REGION);
    }

    private static void removeAll(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it up eventually
        }
    }
}
