package dev.skillforge.web.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/** What a client does with an upload grant: PUT the bytes to the presigned URL (the test JVM's object store). */
public final class Uploads {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Uploads() {
    }

    /** A file of {@code size} bytes that starts as a real file of the type does (the rest is padding). */
    public static byte[] file(String contentType, int size) {
        byte[] head = switch (contentType) {
            case "image/png" -> new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
            case "image/jpeg" -> new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 };
            case "video/mp4" -> new byte[] { 0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm' };
            case "application/pdf" -> new byte[] { '%', 'P', 'D', 'F', '-', '1', '.', '7' };
            default -> throw new IllegalArgumentException(contentType);
        };
        byte[] file = Arrays.copyOf(head, size);
        Arrays.fill(file, head.length, size, (byte) 'x');
        return file;
    }

    /** PUTs the bytes as a grant says (its type, and If-None-Match: * which it signs); the store's status code. */
    public static int put(String url, String contentType, byte[] bytes) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType).header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
