package dev.skillforge.data.testing.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * TEST/LOCAL ONLY, never deployed. An S3-compatible object endpoint, path-style ({@code /<bucket>/<key>}), for
 * exactly what SkillForge does with S3: presigned PUT uploads (the signed content type and length must match),
 * GET and HEAD with byte ranges, DELETE (204 whether or not the key existed), signed in the query string or in the
 * Authorization header as the SDK's S3 client does. Every request passes a {@link S3RequestCheck} first (SigV4 and
 * IAM); a GET or HEAD of a missing key is 404 NoSuchKey only when the caller may also list the bucket, else 403, as
 * on S3. Errors are S3's XML (none on HEAD). Objects are files under a folder, their content type, ETag and
 * modification time beside them.
 */
public final class LocalObjectStore implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    /** Bucket names cannot start with a dot, so these folders are never a bucket's. */
    private static final String METADATA = ".metadata";
    private static final String UPLOADS = ".uploads";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** An object's metadata as S3 returns it on HEAD and GET. */
    public record StoredObject(String bucket, String key, long size, String contentType, String eTag, Instant lastModified) {
    }

    private final Path storage;
    private final S3RequestCheck check;
    private final Consumer<String> out;
    private final HttpServer server;

    /** Serves the objects under {@code storage} on a free local port; refusals are logged to {@code out}, one line each. */
    public LocalObjectStore(Path storage, S3RequestCheck check, Consumer<String> out) throws IOException {
        this.storage = storage.toAbsolutePath().normalize();
        this.check = check;
        this.out = out;
        Files.createDirectories(this.storage.resolve(UPLOADS));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint S3 clients and presigners use (path-style). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- Java-side API: seeding and tests ----

    /** The stored bytes of an object; {@link NoSuchFileException} when there is none. */
    public byte[] object(String bucket, String key) throws IOException {
        return Files.readAllBytes(objectPath(bucket, key));
    }

    /** An object's metadata, if it exists. */
    public synchronized Optional<StoredObject> find(String bucket, String key) {
        try {
            Path object = objectPath(bucket, key);
            return Files.isRegularFile(object) ? Optional.of(metadata(bucket, key, object)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores an object as a PUT would (a test seeds one without an upload). */
    public StoredObject put(String bucket, String key, String contentType, byte[] bytes) {
        try {
            return store(bucket, key, contentType, new ByteArrayInputStream(bytes), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes an object; false when there was none. */
    public synchronized boolean delete(String bucket, String key) {
        try {
            Files.deleteIfExists(metadataPath(bucket, key));
            return Files.deleteIfExists(objectPath(bucket, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys in a bucket, sorted. */
    public synchronized List<String> keys(String bucket) {
        Path folder = storage.resolve(bucket);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange);
            } catch (InvalidKey e) {
                sendError(exchange, 400, "InvalidArgument", e.getMessage());
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String[] bucketAndKey = path.replaceFirst("^/", "").split("/", 2);
        if (bucketAndKey.length < 2 || bucketAndKey[1].isEmpty()) {
            sendError(exchange, 400, "InvalidRequest", "The local S3 endpoint serves objects by path only: /<bucket>/<key>");
            return;
        }
        String bucket = bucketAndKey[0];
        String key = bucketAndKey[1];
        objectPath(bucket, key);
        String action = switch (method) {
            case "PUT" -> "s3:PutObject";
            case "GET", "HEAD" -> "s3:GetObject";
            case "DELETE" -> "s3:DeleteObject";
            default -> null;
        };
        if (action == null) {
            sendError(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            return;
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        URI uri = URI.create("http://" + headers.get("host") + exchange.getRequestURI().toString());
        // A presigned PUT's body is not signed: it streams to disk; a header-signed request's hash covers its body.
        boolean streamed = method.equals("PUT") && !headers.containsKey("authorization");
        byte[] body = streamed ? new byte[0] : exchange.getRequestBody().readAllBytes();
        Optional<S3RequestCheck.Refusal> refusal = check.check(action, "arn:aws:s3:::" + bucket + "/" + key, method, uri, headers, body);
        if (refusal.isPresent()) {
            out.accept("s3        " + refusal.get().code() + " " + method + " " + path + ": " + refusal.get().message());
            sendError(exchange, refusal.get().status(), refusal.get().code(), refusal.get().message());
            return;
        }
        switch (method) {
            case "PUT" -> put(exchange, headers, bucket, key, streamed ? exchange.getRequestBody() : new ByteArrayInputStream(body));
            case "DELETE" -> {
                delete(bucket, key);
                exchange.sendResponseHeaders(204, -1);
            }
            default -> serveObject(exchange, bucket, key, () -> check.check("s3:ListBucket", "arn:aws:s3:::" + bucket, method, uri,
                    headers, body).isEmpty());
        }
    }

    private void put(HttpExchange exchange, Map<String, String> headers, String bucket, String key, InputStream body) throws IOException {
        String declared = headers.get("content-length");
        StoredObject stored;
        if ("*".equals(headers.get("if-none-match"))) {
            // S3's conditional write: only if no object has the key, decided atomically with the write.
            synchronized (this) {
                if (find(bucket, key).isPresent()) {
                    body.transferTo(OutputStream.nullOutputStream());
                    sendError(exchange, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                    return;
                }
                stored = store(bucket, key, headers.getOrDefault("content-type", "binary/octet-stream"), body,
                        declared == null ? null : Long.parseLong(declared));
            }
        } else {
            stored = store(bucket, key, headers.getOrDefault("content-type", "binary/octet-stream"), body,
                    declared == null ? null : Long.parseLong(declared));
        }
        if (stored == null) {
            sendError(exchange, 400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
            return;
        }
        exchange.getResponseHeaders().add("ETag", stored.eTag());
        exchange.sendResponseHeaders(200, -1);
    }

    /**
     * Answers a GET or HEAD of an object as S3 does to a caller that may read it: 200, or 206 for a satisfiable
     * {@code Range}, 416 for another, with the object's headers; a missing key is 404 NoSuchKey when
     * {@code mayListBucket} says the caller may list the bucket, else 403 AccessDenied. A CDN's origin fetch uses it too.
     */
    public void serveObject(HttpExchange exchange, String bucket, String key, BooleanSupplier mayListBucket) throws IOException {
        Path file;
        try {
            file = objectPath(bucket, key);
        } catch (InvalidKey e) {
            sendError(exchange, 400, "InvalidArgument", e.getMessage());
            return;
        }
        StoredObject object;
        InputStream in;
        synchronized (this) {
            if (!Files.isRegularFile(file)) {
                object = null;
                in = null;
            } else {
                object = metadata(bucket, key, file);
                // Opened under the lock: a PUT that replaces the file afterwards does not change what this answer reads.
                in = Files.newInputStream(file);
            }
        }
        if (object == null) {
            if (mayListBucket.getAsBoolean()) {
                sendError(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            } else {
                sendError(exchange, 403, "AccessDenied", "Access Denied");
            }
            return;
        }
        try (in) {
            long size = object.size();
            long from = 0;
            long to = size - 1;
            int status = 200;
            Matcher range = RANGE.matcher(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range")).orElse(""));
            if (range.matches() && !(range.group(1).isEmpty() && range.group(2).isEmpty())) {
                if (range.group(1).isEmpty()) {
                    from = Math.max(0, size - Long.parseLong(range.group(2)));
                } else {
                    from = Long.parseLong(range.group(1));
                    to = range.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(range.group(2)));
                }
                if (from >= size || from > to) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + size);
                    sendError(exchange, 416, "InvalidRange", "The requested range is not satisfiable");
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().add("Content-Type", object.contentType());
            exchange.getResponseHeaders().add("ETag", object.eTag());
            exchange.getResponseHeaders().add("Last-Modified", HTTP_DATE.format(object.lastModified()));
            long length = to - from + 1;
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            // -1: an empty body with Content-Length 0 (0 would mean chunked).
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            try (OutputStream body = exchange.getResponseBody()) {
                in.skipNBytes(from);
                copy(in, body, length);
            }
        }
    }

    /** S3's XML error document (no body on HEAD). */
    public static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
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

    // ---- storage ----

    /**
     * Writes the body to a temporary file (hashing it for the ETag), then moves it and its metadata into place
     * together; null, and nothing stored, when the body's length is not the declared one.
     */
    private StoredObject store(String bucket, String key, String contentType, InputStream body, Long declaredLength) throws IOException {
        Path object = objectPath(bucket, key);
        Path upload = Files.createTempFile(storage.resolve(UPLOADS), "put", ".tmp");
        try {
            MessageDigest md5 = md5();
            long length;
            try (OutputStream file = new DigestOutputStream(Files.newOutputStream(upload), md5)) {
                length = body.transferTo(file);
            }
            if (declaredLength != null && declaredLength != length) {
                return null;
            }
            StoredObject stored = new StoredObject(bucket, key, length, contentType, "\"" + HexFormat.of().formatHex(md5.digest()) + "\"",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
            Properties metadata = new Properties();
            metadata.setProperty("contentType", stored.contentType());
            metadata.setProperty("eTag", stored.eTag());
            metadata.setProperty("lastModified", stored.lastModified().toString());
            synchronized (this) {
                Files.createDirectories(object.getParent());
                Files.move(upload, object, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Path metadataFile = metadataPath(bucket, key);
                Files.createDirectories(metadataFile.getParent());
                try (Writer writer = Files.newBufferedWriter(metadataFile)) {
                    metadata.store(writer, null);
                }
            }
            return stored;
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** Called with the lock held. An object written without metadata (by hand) gets S3's defaults and a computed ETag. */
    private StoredObject metadata(String bucket, String key, Path object) throws IOException {
        Properties metadata = new Properties();
        Path metadataFile = metadataPath(bucket, key);
        if (Files.isRegularFile(metadataFile)) {
            try (Reader reader = Files.newBufferedReader(metadataFile)) {
                metadata.load(reader);
            }
        }
        String eTag = metadata.getProperty("eTag");
        if (eTag == null) {
            MessageDigest md5 = md5();
            try (InputStream in = Files.newInputStream(object); OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), md5)) {
                in.transferTo(sink);
            }
            eTag = "\"" + HexFormat.of().formatHex(md5.digest()) + "\"";
        }
        Instant lastModified = metadata.containsKey("lastModified") ? Instant.parse(metadata.getProperty("lastModified"))
                : Files.getLastModifiedTime(object).toInstant().truncatedTo(ChronoUnit.SECONDS);
        return new StoredObject(bucket, key, Files.size(object), metadata.getProperty("contentType", "binary/octet-stream"), eTag, lastModified);
    }

    /** A key that would leave its bucket's folder, or a bucket name S3 would not have. */
    private static final class InvalidKey extends IOException {
        InvalidKey(String message) {
            super(message);
        }
    }

    /** Objects live under storage/<bucket>/<key>. */
    private Path objectPath(String bucket, String key) throws IOException {
        return inside(storage, bucket, key);
    }

    /** Metadata lives under storage/.metadata/<bucket>/<key>. */
    private Path metadataPath(String bucket, String key) throws IOException {
        return inside(storage.resolve(METADATA), bucket, key);
    }

    private static Path inside(Path root, String bucket, String key) throws IOException {
        if (bucket.isEmpty() || bucket.startsWith(".") || bucket.contains("/") || key.isEmpty()) {
            throw new InvalidKey("no object can be named by bucket " + bucket + " and key " + key);
        }
        Path bucketFolder = root.resolve(bucket).normalize();
        Path object = bucketFolder.resolve(key).normalize();
        if (!bucketFolder.getParent().equals(root) || !object.startsWith(bucketFolder) || object.equals(bucketFolder)) {
            throw new InvalidKey("The local S3 endpoint does not store the key " + key);
        }
        return object;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the object ended early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
