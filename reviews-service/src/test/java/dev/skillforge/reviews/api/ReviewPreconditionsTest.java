package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.as;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.PreconditionMatrix;
import dev.skillforge.web.testing.PreconditionMatrix.Case;
import dev.skillforge.web.testing.PreconditionMatrix.Target;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Editing and deleting reviews follow the version rules every change to an existing object follows (PreconditionMatrix). */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ReviewPreconditionsTest {

    static final String ADMIN = TestTokens.admin("root");

    /** The learner whose review the current case changes (a fresh one each case). */
    private String author;
    private String authorToken;

    static Stream<Arguments> routesAndCases() {
        return Stream.of("PUT /reviews/{courseId}", "DELETE /reviews/{courseId}", "DELETE /reviews/{courseId}/{userId}")
                .flatMap(route -> Stream.of(Case.values()).map(which -> Arguments.of(route, which)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("routesAndCases")
    void aReviewChangeNamesTheVersionItIsBasedOn(String route, Case which) {
        PreconditionMatrix.check(which, () -> {
            SeededCourse course = TestCatalog.published("alice", "Reviewed", "One");
            author = "learner-" + UUID.randomUUID();
            authorToken = TestTokens.student(author);
            TestCatalog.enroll(author, course.id());
            as(authorToken).body(Map.of("rating", 3)).post("/reviews/{c}", course.id()).then().statusCode(201);
            as(authorToken).body(Map.of("rating", 4, "version", 1)).put("/reviews/{c}", course.id()).then().statusCode(200);
            String reviewer = author;
            return new Target((request, version) -> switch (route) {
                case "PUT /reviews/{courseId}" -> request.body(body(Map.of("rating", 5), version)).put("/reviews/{c}", course.id());
                case "DELETE /reviews/{courseId}" -> withVersion(request, version).delete("/reviews/{c}", course.id());
                default -> withVersion(request, version).delete("/reviews/{c}/{u}", course.id(), reviewer);
            }, () -> new ReviewRepository(TestTable.table()).find(course.id(), reviewer).map(review -> review.version()).orElse(-1L));
        }, () -> as(route.endsWith("{userId}") ? ADMIN : authorToken));
    }

    private static Map<String, Object> body(Map<String, Object> fields, Long version) {
        Map<String, Object> body = new HashMap<>(fields);
        if (version != null) {
            body.put("version", version);
        }
        return body;
    }

    private static RequestSpecification withVersion(RequestSpecification request, Long version) {
        return version == null ? request : request.body(Map.of("version", version));
    }
}
