package dev.skillforge.web.problem;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

import dev.skillforge.data.problem.FieldError;

/**
 * What was wrong with a body Jackson could not read, as one field error in the API's own words: the field's path
 * ({@code quiz.questions[0].correctOption}, or {@code body} for the document as a whole) and what the field must be.
 * Jackson's messages name Java types and source positions, so none of them is passed on.
 */
final class UnreadableJson {

    private static final String TRAILING = "must be one JSON value with nothing after it";

    private UnreadableJson() {
    }

    static FieldError describe(JsonProcessingException failure) {
        if (failure instanceof PropertyBindingException unknown) {
            return new FieldError(path(unknown), "is not a field of this request");
        }
        if (failure instanceof InvalidNullException missing) {
            return new FieldError(orBody(path(missing)), "must not be null");
        }
        if (isOutOfRange(failure)) {
            String field = failure instanceof JsonMappingException mapping ? path(mapping) : parserPath(failure);
            return new FieldError(orBody(field), "is out of range");
        }
        if (failure instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            if (field.isEmpty()) {
                // every body of this API is one object
                return new FieldError("body", isTrailing(mismatch) ? TRAILING : "must be a JSON object");
            }
            return new FieldError(field, expected(mismatch.getTargetType()));
        }
        if (failure instanceof StreamConstraintsException) {
            return new FieldError("body", "holds a value too long or nested too deeply");
        }
        if (isDuplicateKey(failure)) {
            return new FieldError(orBody(parserPath(failure)), "appears more than once");
        }
        if (afterTheDocument(failure)) {
            return new FieldError("body", TRAILING);
        }
        return new FieldError("body", "is not valid JSON");
    }

    /** What a value of this type looks like in JSON. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class || type.isEnum()) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class || type == BigInteger.class
                || type == int.class || type == long.class || type == short.class || type == byte.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        return "must be an object"; // a map or a nested request
    }

    private static boolean isOutOfRange(JsonProcessingException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InputCoercionException) {
                return true;
            }
        }
        return false;
    }

    /** Jackson reports a repeated key and trailing content by message only; these two prefixes are stable since 2.9. */
    private static boolean isDuplicateKey(JsonProcessingException failure) {
        String message = failure.getOriginalMessage();
        return message != null && message.startsWith("Duplicate field ");
    }

    private static boolean isTrailing(MismatchedInputException failure) {
        String message = failure.getOriginalMessage();
        return message != null && message.startsWith("Trailing token");
    }

    /** Unreadable text after a complete document ({@code {...} x}): the parser stands at the top level, past one value. */
    private static boolean afterTheDocument(JsonProcessingException failure) {
        return failure.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null
                && parser.getParsingContext().inRoot() && parser.getParsingContext().getEntryCount() > 0;
    }

    private static String orBody(String field) {
        return field.isEmpty() ? "body" : field;
    }

    /** "quiz.questions[0].correctOption" from the references Jackson kept while binding. */
    static String path(JsonMappingException mapping) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The same path from where the parser stood, for failures raised while reading tokens (before binding). */
    private static String parserPath(JsonProcessingException failure) {
        if (!(failure.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.push("." + context.getCurrentName());
            } else if (context.inArray()) {
                parts.push("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
