package dev.skillforge.courses.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.item.DynamoJson;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.search.CourseSearchIndex;
import dev.skillforge.data.search.SearchTarget;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.TestTable;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * TEST ONLY. Delivers the stream: the course changes this service made (captured by {@link CapturingInterceptor}) are
 * applied to the search index in commit order, through the same index writes as the stream-processor's SearchIndexer
 * (which stream-processor's own tests drive). The search route reads the index, a moment behind the courses on AWS;
 * here the test says when the moment has passed. Registered as a before-each callback, it forgets what an earlier test
 * captured (the table is emptied before every test).
 */
public class SearchFeed implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        StreamCapture.GLOBAL.drain();
    }

    /** Applies every course change captured so far to the search index. */
    static void deliver() {
        CourseSearchIndex index = new CourseSearchIndex(TestTable.table());
        for (ObjectNode record : StreamCapture.GLOBAL.drain()) {
            JsonNode change = record.get("dynamodb");
            Map<String, AttributeValue> oldImage = image(change.get("OldImage"));
            Map<String, AttributeValue> newImage = image(change.get("NewImage"));
            Map<String, AttributeValue> current = newImage != null ? newImage : oldImage;
            boolean deletionStamp = oldImage != null && newImage != null && newImage.containsKey(ItemWriter.DELETED_BY)
                    && !oldImage.containsKey(ItemWriter.DELETED_BY);
            if (CourseKeys.ENTITY.equals(Items.string(current, ItemWriter.ENTITY)) && !deletionStamp) {
                index.bringTo(SearchTarget.fromImages(oldImage, newImage));
            }
        }
    }

    private static Map<String, AttributeValue> image(JsonNode image) {
        if (image == null || image.isNull()) {
            return null;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        image.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        return DynamoJson.decode(fields);
    }
}
