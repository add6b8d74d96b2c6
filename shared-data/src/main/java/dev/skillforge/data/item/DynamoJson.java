package dev.skillforge.data.item;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's typed JSON ({"S": "x"}, {"N": "1"}, {"M": {...}} ...) to SDK attribute values and back. */
public final class DynamoJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DynamoJson() {
    }

    public static Map<String, AttributeValue> decode(Map<String, JsonNode> image) {
        if (image == null) {
            return null;
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.forEach((name, value) -> item.put(name, decode(value)));
        return item;
    }

    public static AttributeValue decode(JsonNode typed) {
        if (typed == null || !typed.isObject() || typed.size() != 1) {
            throw new IllegalArgumentException("not a DynamoDB attribute value");
        }
        String type = typed.fieldNames().next();
        JsonNode v = typed.get(type);
        return switch (type) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream().map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(decode(element)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), decode(e.getValue()));
                }
                yield AttributeValue.fromM(map);
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + type);
        };
    }

    /** The other way, for tests and local tooling that build stream records from items. */
    public static ObjectNode encode(Map<String, AttributeValue> item) {
        ObjectNode image = JSON.objectNode();
        item.forEach((name, value) -> image.set(name, encode(value)));
        return image;
    }

    public static ObjectNode encode(AttributeValue value) {
        ObjectNode typed = JSON.objectNode();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case BOOL -> typed.put("BOOL", value.bool());
            case NUL -> typed.put("NULL", true);
            case B -> typed.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case SS -> typed.set("SS", array(value.ss()));
            case NS -> typed.set("NS", array(value.ns()));
            case BS -> typed.set("BS", array(value.bs().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).toList()));
            case L -> {
                ArrayNode list = JSON.arrayNode();
                value.l().forEach(element -> list.add(encode(element)));
                typed.set("L", list);
            }
            case M -> typed.set("M", encode(value.m()));
            default -> throw new IllegalArgumentException("unknown attribute type");
        }
        return typed;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.asText()));
        return out;
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
