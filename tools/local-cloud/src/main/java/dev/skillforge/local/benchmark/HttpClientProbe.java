package dev.skillforge.local.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.lambda.FunctionPackage;

/**
 * The SDK HTTP client candidates for cold start, each in a fresh JVM with the functions' flags: time to build the
 * DynamoDB client and make its first call (a DescribeTable), the work a function's init and first request pay.
 */
public final class HttpClientProbe {

    public static final List<String> CANDIDATES = List.of("url-connection", "apache");

    private HttpClientProbe() {
    }

    /** Runs in the child JVM: builds the client, makes one call, prints the two times in milliseconds. */
    public static void main(String[] args) {
        long started = System.nanoTime();
        SdkHttpClient http = args[0].equals("apache") ? ApacheHttpClient.create() : UrlConnectionHttpClient.create();
        DynamoDbClient client = DynamoDbClient.builder().httpClient(http).endpointOverride(URI.create(args[1]))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        long built = System.nanoTime();
        client.describeTable(b -> b.tableName(LocalCloud.TABLE));
        long called = System.nanoTime();
        System.out.printf("%d %d%n", (built - started) / 1_000_000, (called - built) / 1_000_000);
    }

    /** Median build and first-call milliseconds per candidate over {@code runs} fresh JVMs. */
    public static Map<String, long[]> compare(Path root, URI endpoint, int runs) throws Exception {
        String classpath = root.resolve("tools/local-cloud/target/classes") + java.io.File.pathSeparator
                + Files.readString(root.resolve("tools/local-cloud/target/classpath.txt")).trim();
        Map<String, long[]> medians = new LinkedHashMap<>();
        for (String candidate : CANDIDATES) {
            List<Long> build = new ArrayList<>();
            List<Long> call = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                command.addAll(FunctionPackage.JVM_OPTIONS);
                command.addAll(List.of("-cp", classpath, HttpClientProbe.class.getName(), candidate, endpoint.toString()));
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String line;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    line = out.lines().reduce((a, b) -> b).orElse("");
                }
                process.waitFor();
                String[] parts = line.trim().split(" ");
                build.add(Long.parseLong(parts[0]));
                call.add(Long.parseLong(parts[1]));
            }
            medians.put(candidate, new long[] { median(build), median(call) });
            System.out.printf("client    %-15s build %4d ms  first call %4d ms (medians of %d JVMs)%n", candidate,
                    medians.get(candidate)[0], medians.get(candidate)[1], runs);
        }
        return medians;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
