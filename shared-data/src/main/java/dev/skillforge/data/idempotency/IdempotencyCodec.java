package dev.skillforge.data.idempotency;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The idempotency item: the claim's attributes, then the stored answer's once the request completed. */
final class IdempotencyCodec {

    static final int SCHEMA_VERSION = 1;
    static final String FINGERPRINT = "fingerprint";
    static final String CLAIM_ID = "claimId";
    static final String STATE = "state";
    static final String IN_PROGRESS = "inProgress";
    static final String COMPLETED = "completed";
    /** Epoch milliseconds: compared in the claim's condition. */
    static final String LEASE_UNTIL = "leaseUntil";
    /** Epoch seconds: the table's TTL attribute. */
    static final String EXPIRES_AT = "expiresAt";
    static final String STATUS = "responseStatus";
    static final String BODY = "responseBody";
    static final String HEADERS = "responseHeaders";

    private IdempotencyCodec() {
    }

    static Map<String, AttributeValue> toItem(Claim claim, Instant now) {
        return ItemWriter.of(IdempotencyKeys.primary(claim.callerId(), claim.key()), IdempotencyKeys.ENTITY, SCHEMA_VERSION)
                .put(FINGERPRINT, claim.fingerprint())
                .put(CLAIM_ID, claim.claimId())
                .put(STATE, IN_PROGRESS)
                .put(LEASE_UNTIL, claim.leaseUntil().toEpochMilli())
                .put(EXPIRES_AT, claim.expiresAt().getEpochSecond())
                .audited(now, now, claim.callerId())
                .build();
    }

    /** The attributes a completion writes (an empty body is left out: it is absent, not an empty binary). */
    static final Set<String> COMPLETION = Set.of(STATE, STATUS, BODY, HEADERS, ItemWriter.UPDATED_AT);

    static Map<String, AttributeValue> completion(StoredResponse response, Instant now) {
        Map<String, AttributeValue> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, AttributeValue.fromS(value)));
        ItemWriter values = ItemWriter.nested()
                .put(STATE, COMPLETED)
                .put(STATUS, response.status())
                .putMap(HEADERS, headers)
                .put(ItemWriter.UPDATED_AT, now);
        Map<String, AttributeValue> desired = new LinkedHashMap<>(values.build());
        if (response.body().length > 0) {
            desired.put(BODY, AttributeValue.fromB(SdkBytes.fromByteArray(response.body())));
        }
        return desired;
    }

    static IdempotencyRecord fromItem(Map<String, AttributeValue> item, String callerId, String key) {
        Claim claim = new Claim(callerId, key, Items.string(item, FINGERPRINT), Items.string(item, CLAIM_ID),
                Instant.ofEpochMilli(Items.number(item, LEASE_UNTIL, 0)), Instant.ofEpochSecond(Items.number(item, EXPIRES_AT, 0)));
        if (!COMPLETED.equals(Items.string(item, STATE))) {
            return new IdempotencyRecord(claim, null);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, AttributeValue> stored = Items.map(item, HEADERS);
        if (stored != null) {
            stored.forEach((name, value) -> headers.put(name, value.s()));
        }
        AttributeValue body = item.get(BODY);
        return new IdempotencyRecord(claim, new StoredResponse(Items.integer(item, STATUS),
                body == null ? new byte[0] : body.b().asByteArray(), headers));
    }
}
