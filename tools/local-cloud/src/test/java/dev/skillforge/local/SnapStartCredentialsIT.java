package dev.skillforge.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.skillforge.local.lambda.FunctionPackage;

/**
 * The jvm-snapstart deploy mode's credentials: Lambda's Java 21 runtime with SnapStart gives a function no key
 * variables, only the container credentials endpoint. courses-service runs here from its JVM function.zip exactly so,
 * and an upload grant it signs must be accepted by S3 (a presigner reading environment variables fails here, as it
 * would on AWS). Runs in the JVM build's pass; a native build has no JVM function.zip to run.
 */
class SnapStartCredentialsIT {

    @Test
    void anUploadGrantSignedWithContainerCredentialsIsAcceptedByS3() throws Exception {
        FunctionPackage courses = FunctionPackage.all(TestClouds.root()).stream()
                .filter(function -> function.name().equals(dev.skillforge.web.routes.RouteTable.COURSES)).findFirst().orElseThrow();
        Assumptions.assumeTrue(courses.supports(FunctionPackage.Mode.JVM), "no JVM function.zip (a native build)");
        LocalCloud cloud = TestClouds.watched(LocalCloud.start(new LocalCloud.Options(TestClouds.root(), TestClouds.state("snapstart-it"), 0, true,
                FunctionPackage.Mode.JVM, false, false), line -> { }));
        try {
            String courseId = given().baseUri(cloud.baseUri().toString())
                    .header("Authorization", "Bearer " + cloud.tokens().get("INSTRUCTOR_TOKEN")).contentType(ContentType.JSON)
                    .body(Map.of("title", "Signed without keys", "category", "programming", "tags", List.of("aws")))
                    .post("/courses").then().statusCode(201).extract().path("id");
            JsonPath grant = given().baseUri(cloud.baseUri().toString())
                    .header("Authorization", "Bearer " + cloud.tokens().get("INSTRUCTOR_TOKEN")).contentType(ContentType.JSON)
                    .body(Map.of("kind", "cover", "contentType", "image/webp", "contentLength", 16))
                    .post("/courses/" + courseId + "/assets").then().statusCode(200).extract().jsonPath();
            byte[] image = "sixteen bytes!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create(grant.getString("url")))
                        .header("Content-Type", "image/webp").header("If-None-Match", "*")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, upload.statusCode(), upload.body());
            }
            assertTrue(java.util.Arrays.equals(image, cloud.s3().object(LocalCloud.ASSETS_BUCKET, grant.getString("key"))));
        } finally {
            TestClouds.stop(cloud);
        }
    }
}
