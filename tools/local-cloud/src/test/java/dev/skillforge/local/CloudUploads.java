package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Uploads through the local cloud as a client makes them: a grant from the API ({@code /courses/{courseId}/assets} or
 * {@code /me/avatar}), then the file PUT to the local S3 with the grant's URL and headers, then the edit that attaches
 * the key. Each method sends one API request with the caller's specification.
 */
final class CloudUploads {

    private CloudUploads() {
    }

    /** A grant for a file of this type and length; {@code request} holds the route's other fields (kind, lessonId). */
    static JsonPath grant(RequestSpecification caller, String grantPath, Map<String, Object> request, String contentType, int length) {
        Map<String, Object> body = new HashMap<>(request);
        body.put("contentType", contentType);
        body.put("contentLength", length);
        return caller.contentType(ContentType.JSON).body(body).post(grantPath).then().statusCode(200).extract().jsonPath();
    }

    /** Grants and uploads {@code file} (the local S3 must take it); the granted key. */
    static String uploaded(RequestSpecification caller, String grantPath, Map<String, Object> request, String contentType, byte[] file) {
        JsonPath grant = grant(caller, grantPath, request, contentType, file.length);
        HttpResponse<String> upload = SampleMedia.upload(grant.getString("url"), grant.getMap("headers"), file);
        assertEquals(200, upload.statusCode(), upload.body());
        return grant.getString("key");
    }

    /** Attaches a cover to a course: its fields as {@code course} gives them (a PUT replaces all), at {@code version}; the new version. */
    static long attachCover(RequestSpecification owner, String courseId, Map<String, Object> course, String key, long version) {
        Map<String, Object> edit = new HashMap<>(course);
        edit.put("coverImageKey", key);
        edit.put("version", version);
        return owner.contentType(ContentType.JSON).body(edit).put("/courses/" + courseId).then().statusCode(200)
                .extract().jsonPath().getLong("version");
    }
}
