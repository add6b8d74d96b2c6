package dev.skillforge.data.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import dev.skillforge.data.table.DynamoTables;
import io.smallrye.jwt.build.Jwt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * LOCAL RUN ONLY. Starts dynalite (data kept in .local/dynalite, or in memory with --fresh), creates the
 * table from TableDesign when it is missing, makes a dev-only RSA key pair in .local/dev-keys that only the
 * local run trusts, prints a token per role, and writes .local/local-env.properties for the functions.
 * Runs until it is stopped; dynalite stops with it.
 */
public final class LocalEnvironment {

    public static final String TABLE = "skillforge-local";
    public static final String ISSUER = "https://local.skillforge.invalid/issuer";
    public static final String AUDIENCE = "skillforge-local";

    private LocalEnvironment() {
    }

    public static void main(String[] args) throws Exception {
        boolean fresh = List.of(args).contains("--fresh");
        Path local = Dynalite.home().getParent().getParent().resolve(".local");
        Path data = local.resolve("dynalite");
        Files.createDirectories(data);
        Dynalite dynalite = Dynalite.start(fresh ? null : data);
        Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close));

        try (DynamoDbClient client = TestTable.clientFor(dynalite.endpoint())) {
            try {
                client.describeTable(b -> b.tableName(TABLE));
            } catch (ResourceNotFoundException missing) {
                client.createTable(DynamoTables.createTableRequest(TABLE));
            }
        }

        Path keys = local.resolve("dev-keys");
        PrivateKey signingKey = devKey(keys);
        Files.writeString(local.resolve("local-env.properties"), "# written by LocalEnvironment\n"
                + "SKILLFORGE_LOCAL_DYNAMODB_ENDPOINT=" + dynalite.endpoint() + "\n"
                + "SKILLFORGE_LOCAL_JWT_PUBLIC_KEY=" + keys.resolve("public.pem") + "\n");

        System.out.println("dynalite: " + dynalite.endpoint() + (fresh ? " (in memory)" : " (data in " + data + ")"));
        System.out.println("table:    " + TABLE);
        System.out.println("Tokens (valid 12 hours, trusted only by the local run; also in .local/tokens.env):");
        StringBuilder tokens = new StringBuilder("# dev-only tokens written by LocalEnvironment; source this file\n");
        for (String[] user : new String[][] { { "admin-1", "admin" }, { "instructor-1", "instructor" }, { "student-1", "student" } }) {
            String token = Jwt.claims().issuer(ISSUER).subject(user[0]).audience(AUDIENCE)
                    .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofHours(12)))
                    .claim("cognito:groups", List.of(user[1])).claim("email", user[0] + "@skillforge.local")
                    .claim("name", user[0]).jws().keyId("local-dev").sign(signingKey);
            System.out.println("  " + user[1] + " (" + user[0] + "): " + token);
            tokens.append(user[1].toUpperCase()).append("_TOKEN=").append(token).append('\n');
        }
        Files.writeString(local.resolve("tokens.env"), tokens);
        System.out.println("READY");
        Thread.currentThread().join();
    }

    /** The dev key pair: made once, then reused so printed tokens survive restarts. */
    private static PrivateKey devKey(Path dir) throws Exception {
        Path privatePath = dir.resolve("private.pk8");
        Path publicPath = dir.resolve("public.pem");
        if (!Files.exists(privatePath) || !Files.exists(publicPath)) {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.write(privatePath, pair.getPrivate().getEncoded());
            Files.writeString(publicPath, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privatePath)));
    }
}
