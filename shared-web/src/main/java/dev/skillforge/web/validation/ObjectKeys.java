package dev.skillforge.web.validation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.skillforge.data.problem.InvalidInput;

/**
 * Storage object keys a client hands back (a course's cover, a lesson's file): the client only ever received them from
 * the API, so a key is taken in one canonical form and checked in that form, never in the form it arrived in. The
 * canonical form: percent-escapes decoded once (a key copied out of a URL), then Unicode NFC. It must then be a plain
 * relative path: at most {@value #MAX_LENGTH} characters of the kind the API issues (letters, digits, '.', '_', '-'),
 * segments joined by '/', none empty, none '.' or '..', no leading '/', no backslash, no control character. Checking
 * after decoding is what makes {@code %2e%2e} a '..' segment rather than an innocent-looking name.
 */
public final class ObjectKeys {

    public static final int MAX_LENGTH = 300;
    private static final Pattern ISSUED_CHARACTERS = Pattern.compile("[A-Za-z0-9._/-]*");

    private ObjectKeys() {
    }

    /** The canonical form of a key that passes every check, or a 400 naming {@code field}. Null stays null. */
    public static String normalize(String field, String key) {
        if (key == null) {
            return null;
        }
        Optional<String> problem = problem(key);
        if (problem.isPresent()) {
            throw new InvalidInput(field, problem.get());
        }
        return canonical(key);
    }

    /**
     * The canonical key if it lies strictly under {@code prefix} (which ends with '/'), else a 400 naming {@code field} with
     * {@code message}: a key issued for another course, or the prefix itself, is not this course's object.
     */
    public static String requireUnder(String field, String key, String prefix, String message) {
        String canonical = normalize(field, key);
        if (canonical != null && (!canonical.startsWith(prefix) || canonical.length() == prefix.length())) {
            throw new InvalidInput(field, message);
        }
        return canonical;
    }

    /** What is wrong with a key, in the words of a field error; empty when nothing is. */
    public static Optional<String> problem(String key) {
        String canonical;
        try {
            canonical = canonical(key);
        } catch (IllegalArgumentException malformed) {
            return Optional.of("has a malformed percent-escape");
        }
        if (canonical.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (canonical.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (canonical.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return Optional.of("must not contain control characters");
        }
        if (canonical.indexOf('\\') >= 0) {
            return Optional.of("must separate its segments with '/', not '\\'");
        }
        if (!ISSUED_CHARACTERS.matcher(canonical).matches()) {
            return Optional.of("may contain only letters, digits, '.', '_', '-' and '/'");
        }
        if (canonical.startsWith("/")) {
            return Optional.of("must not start with '/'");
        }
        for (String segment : canonical.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("must not contain an empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("must not contain '.' or '..' segments");
            }
        }
        return Optional.empty();
    }

    private static String canonical(String key) {
        return Normalizer.normalize(percentDecoded(key), Normalizer.Form.NFC);
    }

    /** %XX escapes decoded once, as UTF-8; '+' stays '+' (keys are paths, not form fields). */
    private static String percentDecoded(String key) {
        if (key.indexOf('%') < 0) {
            return key;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '%') {
                bytes.write(utf8[i]);
                continue;
            }
            if (i + 2 >= utf8.length || Character.digit(utf8[i + 1], 16) < 0 || Character.digit(utf8[i + 2], 16) < 0) {
                throw new IllegalArgumentException("malformed percent-escape");
            }
            bytes.write(Character.digit(utf8[i + 1], 16) * 16 + Character.digit(utf8[i + 2], 16));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException("escapes that are not UTF-8");
        }
    }
}
