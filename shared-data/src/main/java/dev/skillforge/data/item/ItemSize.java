package dev.skillforge.data.item;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its 400 KB limit: each attribute's name plus its value (strings in UTF-8
 * bytes, numbers about one byte per two digits, lists and maps 3 bytes plus 1 per element).
 */
public final class ItemSize {

    /** DynamoDB's item limit. */
    public static final int DYNAMODB_LIMIT = 400 * 1024;
    /** What a request may store in one item: room is left for the attributes written after it (stamps, counters). */
    public static final int WRITABLE = 380 * 1024;

    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            total += utf8Length(attribute.getKey()) + value(attribute.getValue());
        }
        return total;
    }

    private static long value(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8Length(value.s());
            case N -> number(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8Length).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS -> value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + value(element)).sum();
            case M -> 3 + value.m().size() + of(value.m());
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        };
    }

    /**
     * The UTF-8 length of a text without encoding it (an unpaired surrogate counts as the 3 bytes of its replacement).
     * Here rather than in the validator: functions without Bean Validation (the stream-processor) size items too.
     */
    public static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** A number's size: about one byte per two significant digits, plus one. */
    public static long number(String number) {
        String digits = number.replaceFirst("^-", "").replaceFirst("[eE].*$", "").replace(".", "")
                .replaceFirst("^0+", "").replaceFirst("0+$", "");
        return (digits.length() + 1) / 2 + 1;
    }
}
