package dev.skillforge.data.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TEST ONLY. The placeholder AWS credentials and region of every test JVM: the functions' SDK clients that use the
 * default chains (S3, Cognito) read them from system properties, and the local stand-ins check signatures against them.
 */
public final class TestAws {

    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";
    public static final String REGION = "us-east-1";
    private static final Map<String, String> SYSTEM_PROPERTIES = Map.of("aws.accessKeyId", ACCESS_KEY_ID,
            "aws.secretAccessKey", SECRET_ACCESS_KEY, "aws.region", REGION);

    private TestAws() {
    }

    /** The access key id the SDK's default chain finds in this JVM (a module's surefire settings may name another). */
    public static String accessKeyId() {
        return System.getProperty("aws.accessKeyId", ACCESS_KEY_ID);
    }

    /** The secret key the SDK's default chain finds in this JVM. */
    public static String secretAccessKey() {
        return System.getProperty("aws.secretAccessKey", SECRET_ACCESS_KEY);
    }

    /** Sets the SDK's system properties that are not set yet; returns the names it set (to clear them again). */
    public static synchronized List<String> setSystemProperties() {
        List<String> set = new ArrayList<>();
        SYSTEM_PROPERTIES.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
                set.add(name);
            }
        });
        return set;
    }
}
