package dev.skillforge.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * LOCAL ONLY. Small real media files made on the spot (the repository holds no binaries), and the upload a browser
 * makes with a grant. The attach checks read a file's first bytes, so the demo data's covers and the end-to-end tests'
 * uploads are files of their type, not padding behind a header.
 */
public final class SampleMedia {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SampleMedia() {
    }

    /** A PNG of {@code width} x {@code height} in one colour ({@code 0xRRGGBB}) with a lighter band across its middle. */
    public static byte[] png(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int band = (rgb & 0xFEFEFE) >> 1 | 0x808080;
        for (int y = 0; y < height; y++) {
            boolean inBand = y >= height / 3 && y < 2 * height / 3;
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, inBand ? band : rgb);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /**
     * An MP4 (ISO base media file) as players and the attach check read its start: an {@code ftyp} box (brand isom,
     * compatible isom and mp41), then an {@code mdat} box of {@code payload} bytes that differ from their neighbours, so
     * a byte range shows whether it came from the right offset. The same {@code payload} always gives the same file.
     */
    public static byte[] mp4(int payload) {
        ByteBuffer file = ByteBuffer.allocate(24 + 8 + payload);
        file.putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200).put(ascii("isom")).put(ascii("mp41"));
        file.putInt(8 + payload).put(ascii("mdat"));
        for (int i = 0; i < payload; i++) {
            file.put((byte) (i * 131 + i / 256));
        }
        return file.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Uploads {@code file} with a grant as the API answers it ({@code url}, {@code headers}, {@code key}), which the local S3
     * must take; the granted key.
     */
    public static String uploadGranted(JsonNode grant, byte[] file) {
        Map<String, String> headers = new LinkedHashMap<>();
        grant.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asText()));
        HttpResponse<String> upload = upload(grant.path("url").asText(), headers, file);
        if (upload.statusCode() != 200) {
            throw new IllegalStateException("the upload of " + grant.path("key").asText() + " answered " + upload.statusCode() + " "
                    + upload.body());
        }
        return grant.path("key").asText();
    }

    /**
     * PUTs a file to a grant's presigned URL with the grant's headers, as a browser does. Content-Length is the body's
     * own (the HTTP client sets it; the signature holds the granted one, so another size is refused by S3).
     */
    public static HttpResponse<String> upload(String url, Map<String, ?> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                request.header(name, String.valueOf(value));
            }
        });
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
