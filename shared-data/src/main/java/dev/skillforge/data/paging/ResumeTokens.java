package dev.skillforge.data.paging;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a maintenance run (the parked-record replay, the aggregate rebuild) stopped, handed to its operator as
 * {@code resumeFrom}: a table Query's or Scan's LastEvaluatedKey (PK, SK), sealed like a list cursor but under the
 * resume key ({@link CursorPurpose#RESUME}), and bound to the run's scope.
 */
@Singleton
public class ResumeTokens {

    private final CursorCodec codec;

    @Inject
    public ResumeTokens(SkillForgeConfig config) {
        this(config.cursor().secret());
    }

    public ResumeTokens(String secret) {
        this.codec = new CursorCodec(secret, CursorPurpose.RESUME);
    }

    /** Null for no key (the run got to the end). */
    public String encode(String scope, Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        return codec.encode(scope, List.of(lastEvaluatedKey.get(TableDesign.PK).s(), lastEvaluatedKey.get(TableDesign.SK).s()));
    }

    /** Null for no token (from the start); a token of another run, scope or key is an InvalidCursor. */
    public Map<String, AttributeValue> decode(String scope, String token) {
        List<String> key = codec.decode(scope, token, 2);
        return key == null ? null
                : Map.of(TableDesign.PK, AttributeValue.fromS(key.get(0)), TableDesign.SK, AttributeValue.fromS(key.get(1)));
    }
}
