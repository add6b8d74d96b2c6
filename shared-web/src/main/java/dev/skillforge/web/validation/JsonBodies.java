package dev.skillforge.web.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.skillforge.data.problem.ApiProblem;
import dev.skillforge.data.problem.FieldError;
import dev.skillforge.data.problem.UnsupportedMediaType;

/**
 * Every request body is JSON in UTF-8 (RFC 8259 section 8.1), on every route, or refused before anything reads it.
 * <ul>
 * <li>Its Content-Type must be {@code application/json}; a body without one is refused too (415). The media type defines
 * no charset parameter (RFC 8259 section 11): {@code charset=utf-8} is accepted as harmless, any other charset is a 415,
 * since a body its sender says is Latin-1 or UTF-16 would be misread as UTF-8.</li>
 * <li>Its bytes must be UTF-8 (400, field {@code body}). Jackson would otherwise guess UTF-16 or UTF-32 from zero bytes,
 * and API Gateway hands a JSON body to the function as text: bytes that were not UTF-8 arrive as U+FFFD, the
 * replacement character, so a literal U+FFFD in a body is read as the damage it almost always is (a client that means
 * the character can send it escaped, {@code \ufffd}).</li>
 * </ul>
 * After the size limit (RequestBodyLimit), before the idempotency claim fingerprints the body.
 */
public class JsonBodies {

    static final String ONLY_JSON = "Send the body as application/json in UTF-8.";
    private static final String UTF_8 = "utf-8";
    private static final byte[] REPLACEMENT_CHARACTER = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 50)
    public void check(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        if (body.length == 0) {
            return; // no body at all (a POST through the Lambda layer may say it has one): nothing to be JSON
        }
        requireJson(request.getHeaderString("Content-Type"));
        if (!isUtf8Json(body)) {
            throw new ApiProblem(400, "validation", "Invalid request", "The request body could not be read.",
                    List.of(new FieldError("body", "must be JSON encoded in UTF-8")), null);
        }
    }

    static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new UnsupportedMediaType("The body has no Content-Type. " + ONLY_JSON);
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException unreadable) {
            throw new UnsupportedMediaType(ONLY_JSON);
        }
        if (!"application".equalsIgnoreCase(type.getType()) || !"json".equalsIgnoreCase(type.getSubtype())) {
            throw new UnsupportedMediaType(ONLY_JSON);
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !UTF_8.equalsIgnoreCase(charset.trim())) {
            throw new UnsupportedMediaType("JSON is read as UTF-8 only (RFC 8259), with no other charset. " + ONLY_JSON);
        }
    }

    /** Strict UTF-8 with no zero byte (never in UTF-8 JSON, always in UTF-16 and UTF-32) and no replacement character. */
    static boolean isUtf8Json(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return false;
            }
        }
        if (indexOf(body, REPLACEMENT_CHARACTER) >= 0) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
