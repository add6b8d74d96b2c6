package dev.skillforge.local.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.skillforge.local.credentials.LocalCredentials;
import dev.skillforge.local.iam.RequestSignature;

/**
 * LOCAL ONLY. An S3-compatible endpoint for the assets bucket, for exactly what SkillForge does with S3: presigned
 * PUT uploads and presigned GET/HEAD downloads (with byte ranges), path-style. Every request must carry a valid
 * SigV4 query signature from credentials the local cloud issued, within its expiry, for headers that match what was
 * signed (content type and length included), and the signer's role must allow the action on the object; otherwise
 * the answer is S3's XML error with S3's code. Objects are files under the state folder.
 */
public final class LocalS3 implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Path storage;
    private final LocalCredentials credentials;
    private final Consumer<String> out;
    private final HttpServer server;

    public LocalS3(Path storage, LocalCredentials credentials, Consumer<String> out) throws IOException {
        this.storage = storage;
        this.credentials = credentials;
        this.out = out;
        Files.createDirectories(storage);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint the functions' S3 clients and presigners use (path-style). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The stored bytes of an object, for tests. */
    public byte[] object(String bucket, String key) throws IOException {
        return Files.readAllBytes(objectPath(bucket, key));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().toString());
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String[] bucketAndKey = path.replaceFirst("^/", "").split("/", 2);
            if (bucketAndKey.length < 2 || bucketAndKey[1].isEmpty()) {
                error(exchange, 400, "InvalidRequest", "The local S3 endpoint serves objects by path only: /<bucket>/<key>");
                return;
            }
            String action = switch (method) {
                case "PUT" -> "s3:PutObject";
                case "GET", "HEAD" -> "s3:GetObject";
                default -> null;
            };
            if (action == null) {
                error(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
                return;
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            RequestSignature.Outcome signature = RequestSignature.verifyQuery(method, uri, headers, "s3", dev.skillforge.local.cloudformation.StackTemplate.REGION, credentials::byAccessKey);
            if (!signature.verified()) {
                out.accept("s3        " + signature.errorCode() + " " + method + " " + path);
                error(exchange, 403, signature.errorCode(), signature.message());
                return;
            }
            String resource = "arn:aws:s3:::" + bucketAndKey[0] + "/" + bucketAndKey[1];
            if (!signature.session().policy().allows(action, resource)) {
                out.accept("s3        AccessDenied " + signature.session().functionName() + " " + action + " " + resource);
                error(exchange, 403, "AccessDenied", "User: " + signature.session().principalArn()
                        + " is not authorized to perform: " + action + " on resource: \"" + resource + "\"");
                return;
            }
            Path object = objectPath(bucketAndKey[0], bucketAndKey[1]);
            if (method.equals("PUT")) {
                put(exchange, headers, object);
            } else {
                get(exchange, headers, object, method.equals("HEAD"));
            }
        }
    }

    private void put(HttpExchange exchange, Map<String, String> headers, Path object) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String declared = headers.get("content-length");
        if (declared != null && Long.parseLong(declared) != body.length) {
            error(exchange, 400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
            return;
        }
        Files.createDirectories(object.getParent());
        Files.write(object, body);
        Files.writeString(contentTypeFile(object), headers.getOrDefault("content-type", "binary/octet-stream"));
        exchange.getResponseHeaders().add("ETag", "\"" + md5(body) + "\"");
        exchange.sendResponseHeaders(200, -1);
    }

    private void get(HttpExchange exchange, Map<String, String> headers, Path object, boolean headOnly) throws IOException {
        if (!Files.isRegularFile(object)) {
            error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        long size = Files.size(object);
        long from = 0;
        long to = size - 1;
        int status = 200;
        Matcher range = RANGE.matcher(headers.getOrDefault("range", ""));
        if (range.matches() && !(range.group(1).isEmpty() && range.group(2).isEmpty())) {
            if (range.group(1).isEmpty()) {
                from = Math.max(0, size - Long.parseLong(range.group(2)));
            } else {
                from = Long.parseLong(range.group(1));
                to = range.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(range.group(2)));
            }
            if (from >= size || from > to) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + size);
                error(exchange, 416, "InvalidRange", "The requested range is not satisfiable");
                return;
            }
            status = 206;
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().add("Content-Type", Files.readString(contentTypeFile(object)));
        long length = to - from + 1;
        if (headOnly) {
            exchange.getResponseHeaders().add("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length);
        try (InputStream in = Files.newInputStream(object); OutputStream body = exchange.getResponseBody()) {
            in.skipNBytes(from);
            body.write(in.readNBytes((int) length));
        }
    }

    /** Objects live under storage/<bucket>/<key>; a key that would leave the bucket's folder is refused. */
    private Path objectPath(String bucket, String key) throws IOException {
        Path bucketDir = storage.resolve(bucket).normalize();
        Path object = bucketDir.resolve(key).normalize();
        if (!bucketDir.startsWith(storage) || !object.startsWith(bucketDir) || object.equals(bucketDir)) {
            throw new IOException("key outside the bucket: " + key);
        }
        return object;
    }

    private static Path contentTypeFile(Path object) {
        return object.resolveSibling(object.getFileName() + ".content-type");
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String md5(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
