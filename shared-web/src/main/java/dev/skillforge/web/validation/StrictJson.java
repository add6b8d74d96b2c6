package dev.skillforge.web.validation;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON is read as written, or refused: Jackson's defaults would turn {@code 3.7} into 3, {@code 42} into "42",
 * {@code "5"} into 5, {@code ""} into null, keep the last of two equal keys and ignore whatever follows the document.
 * Each of these makes a request mean something its sender did not write, so each is an error here; ProblemMappers
 * names the field. Unknown fields are refused by configuration (quarkus.jackson.fail-on-unknown-properties).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private static final CoercionInputShape[] NOT_TEXT = { CoercionInputShape.Integer, CoercionInputShape.Float,
            CoercionInputShape.Boolean, CoercionInputShape.EmptyString };

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // A number, boolean or "" is never a text, and a text never a number, boolean, list or object.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            for (CoercionInputShape shape : new CoercionInputShape[] { CoercionInputShape.String, CoercionInputShape.EmptyString,
                    CoercionInputShape.Float, CoercionInputShape.Integer, CoercionInputShape.Boolean }) {
                if (!sameKind(scalar, shape)) {
                    mapper.coercionConfigFor(scalar).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        for (LogicalType structured : new LogicalType[] { LogicalType.Collection, LogicalType.Array, LogicalType.Map,
                LogicalType.POJO, LogicalType.Enum }) {
            mapper.coercionConfigFor(structured).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, structured == LogicalType.Enum ? CoercionAction.TryConvert : CoercionAction.Fail);
            for (CoercionInputShape shape : NOT_TEXT) {
                mapper.coercionConfigFor(structured).setCoercion(shape, CoercionAction.Fail);
            }
        }
    }

    /** An integer may stand for a decimal number (2 is 2.0); every other pairing is a different kind of value. */
    private static boolean sameKind(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
            case Boolean -> shape == CoercionInputShape.Boolean;
            default -> false;
        };
    }
}
