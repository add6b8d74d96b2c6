package dev.skillforge.courses.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CatalogPaginationTest {

    static final String ALICE = TestTokens.instructor("alice");
    final List<String> published = new ArrayList<>();

    @BeforeEach
    void fiveProgrammingCoursesAndTwoDataCourses() {
        for (int i = 1; i <= 5; i++) {
            published.add(publishedCourse(ALICE, "Programming course " + i, "programming"));
        }
        published.add(publishedCourse(ALICE, "Data course 1", "data"));
        published.add(publishedCourse(ALICE, "Data course 2", "data"));
        CourseApi.createCourse(ALICE, "Unpublished draft", "programming");
    }

    @Test
    void pagesWalkTheWholeCatalogNewestFirstWithoutRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = cursor == null
                    ? anonymous().queryParam("limit", 3).get("/courses")
                    : anonymous().queryParam("limit", 3).queryParam("cursor", cursor).get("/courses");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        List<String> newestFirst = new ArrayList<>(published);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        assertEquals(3, pages);
    }

    @Test
    void categoryFilterUsesItsOwnPages() {
        Response first = anonymous().queryParam("category", "data").queryParam("limit", 1).get("/courses");
        first.then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", notNullValue());
        String cursor = first.jsonPath().getString("nextCursor");
        anonymous().queryParam("category", "data").queryParam("limit", 1).queryParam("cursor", cursor).get("/courses")
                .then().statusCode(200).body("items[0].category", equalTo("data"));
        anonymous().queryParam("category", "data").queryParam("limit", 5).get("/courses")
                .then().body("items.size()", equalTo(2)).body("nextCursor", nullValue());
    }

    @Test
    void defaultPageIsTwentyAndLimitIsBounded() {
        anonymous().get("/courses").then().statusCode(200).body("items.size()", equalTo(7));
        for (String limit : new String[] { "0", "-1", "101", "abc", "1e3" }) {
            problem(anonymous().queryParam("limit", limit).get("/courses").then(), 400, "validation")
                    .body("errors.field", hasItem("limit"));
        }
        anonymous().queryParam("limit", 100).get("/courses").then().statusCode(200);
    }

    @Test
    void tamperedCursorIsRejected() {
        String cursor = anonymous().queryParam("limit", 2).get("/courses").jsonPath().getString("nextCursor");
        String body = cursor.substring(0, cursor.indexOf('.'));
        String signature = cursor.substring(cursor.indexOf('.') + 1);
        String forgedBody = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(body)).replace("courses#published", "user#victim").getBytes());
        for (String bad : new String[] { forgedBody + "." + signature, body + "." + signature.substring(1) + "A", "garbage",
                body, "." + signature, "%%%.%%%" }) {
            problem(anonymous().queryParam("cursor", bad).get("/courses").then(), 400, "invalid-cursor")
                    .body("errors.field", hasItem("cursor"));
        }
    }

    @Test
    void cursorFromAnotherListIsRejected() {
        String dataCursor = anonymous().queryParam("category", "data").queryParam("limit", 1).get("/courses")
                .jsonPath().getString("nextCursor");
        problem(anonymous().queryParam("cursor", dataCursor).get("/courses").then(), 400, "invalid-cursor");
        problem(anonymous().queryParam("category", "programming").queryParam("cursor", dataCursor).get("/courses").then(),
                400, "invalid-cursor");
        SearchFeed.deliver();
        String searchCursor = anonymous().queryParam("q", "course").queryParam("limit", 1).get("/courses/search")
                .jsonPath().getString("nextCursor");
        problem(anonymous().queryParam("cursor", searchCursor).get("/courses").then(), 400, "invalid-cursor");
        problem(anonymous().queryParam("q", "programming").queryParam("cursor", searchCursor).get("/courses/search").then(),
                400, "invalid-cursor");
    }

    @Test
    void badCategoryIsAFieldError() {
        problem(as(ALICE).queryParam("category", "Bad Category#1").get("/courses").then(), 400, "validation")
                .body("errors.field", hasItem("category"));
    }
}
