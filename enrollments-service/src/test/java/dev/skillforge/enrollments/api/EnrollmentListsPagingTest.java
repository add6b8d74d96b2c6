package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.audit.AuditEntry;
import dev.skillforge.data.audit.AuditKeys;
import dev.skillforge.data.audit.AuditRepository;
import dev.skillforge.data.audit.FieldChange;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.testing.Cursors;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.PagingStability;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The enrollments service's lists paged with a small limit while they change between pages (docs/data-model.md,
 * "Pagination"): a learner's enrollments (by course id), a course's learners (by enrollment time), users by role (by
 * email, which changes) and the audit log (by time: one object, one entity type on a day, a whole day).
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class EnrollmentListsPagingTest {

    static final String ADMIN = TestTokens.admin("root");
    static final String SAM = TestTokens.student("sam");

    /** A page of 3 of {@code path} as {@code token}, with {@code query}; {@code idField} identifies an item. */
    static PagingStability.Seen page(String token, String path, Map<String, String> query, String idField, String cursor,
            Object... pathParams) {
        RequestSpecification request = as(token).queryParam("limit", 3).queryParams(query);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        var page = request.get(path, pathParams).then().statusCode(200).extract().jsonPath();
        return new PagingStability.Seen(page.getList("items." + idField, String.class), page.getString("nextCursor"));
    }

    /**
     * By course id: between pages sam enrolls in a course ordered before the boundary and one after it, and leaves one
     * listed course and one not listed yet.
     */
    @Test
    void aLearnersEnrollmentsListEachOnceWhileTheyEnrollAndLeave() {
        List<String> atStart = new ArrayList<>();
        for (int i = 10; i <= 40; i += 3) {
            String id = "course-" + i;
            TestCatalog.course(id, "alice", CourseStatus.PUBLISHED, "Course " + i, "One");
            as(SAM).post("/enroll/{id}", id).then().statusCode(201);
            atStart.add(id);
        }
        PagingStability.Entries entries = new PagingStability.Entries(atStart);
        List<String> after = new ArrayList<>();
        List<String> before = new ArrayList<>();
        List<String> listed = PagingStability.pageThrough(cursor -> page(SAM, "/me/enrollments", Map.of(), "courseId", cursor), (pages, shown) -> {
            if (pages > 2) {
                return;
            }
            String last = shown.get(shown.size() - 1);
            for (String id : List.of(last.substring(0, last.length() - 1) + "0a", last + "z")) {
                TestCatalog.course(id, "alice", CourseStatus.PUBLISHED, "Joined " + id, "One");
                as(SAM).post("/enroll/{id}", id).then().statusCode(201);
                entries.added(id);
                (id.compareTo(last) < 0 ? before : after).add(id);
            }
            for (String gone : List.of(entries.listedAlready(shown), entries.notYetListed(shown))) {
                as(SAM).delete("/enroll/{id}", gone).then().statusCode(204);
                entries.removed(gone);
            }
        });
        entries.assertListedOnce(listed);
        assertTrue(listed.containsAll(after), "enrolled after the boundary: listed when its turn comes " + listed);
        assertTrue(before.stream().noneMatch(listed::contains), "enrolled before the boundary: not in this pass " + listed);
    }

    /**
     * Newest first by enrollment time: between pages a learner enrolls (above the boundary), an enrollment made earlier
     * than the listed ones arrives (below it: an import), a listed learner and one not listed yet leave.
     */
    @Test
    void aCoursesLearnersListEachOnceWhileLearnersComeAndGo() {
        String course = TestCatalog.published("alice", "Popular", "One").id();
        List<String> atStart = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            as(TestTokens.student("learner-" + i)).post("/enroll/{id}", course).then().statusCode(201);
            atStart.add("learner-" + i);
        }
        PagingStability.Entries entries = new PagingStability.Entries(atStart);
        List<String> imported = new ArrayList<>();
        List<String> newest = new ArrayList<>();
        List<String> listed = PagingStability.pageThrough(cursor -> page(ADMIN, "/courses/{courseId}/enrollments", Map.of(), "userId", cursor, course),
                (pages, shown) -> {
                    if (pages > 2) {
                        return;
                    }
                    String late = "newcomer-" + pages;
                    as(TestTokens.student(late)).post("/enroll/{id}", course).then().statusCode(201);
                    newest.add(late);
                    entries.added(late);
                    String old = "imported-" + pages;
                    TestCatalog.enroll(old, course, Instant.parse("2020-01-01T00:00:00Z").plusSeconds(pages));
                    imported.add(old);
                    entries.added(old);
                    for (String gone : List.of(entries.listedAlready(shown), entries.notYetListed(shown))) {
                        as(TestTokens.student(gone)).delete("/enroll/{id}", course).then().statusCode(204);
                        entries.removed(gone);
                    }
                });
        entries.assertListedOnce(listed);
        assertTrue(listed.containsAll(imported), "enrolled before the boundary's time: listed when its turn comes " + listed);
        assertTrue(newest.stream().noneMatch(listed::contains), "enrolled above the boundary: not in this pass " + listed);
    }

    /** Signs a student in with an ID token: the profile is created, or follows the token's email and role. */
    static void signIn(String userId, String email, String role) {
        as(TestTokens.user(userId).roles(role).email(email).sign()).get("/me").then().statusCode(200);
    }

    /**
     * By email, which follows the identity provider: between pages students sign up with emails before and after the
     * boundary, a listed student's email moves after it (it would be listed again), one not listed yet moves before it,
     * one listed and one not listed yet become instructors (they leave the list). No student is listed twice, and every
     * student whose email and role stay is listed once.
     */
    @Test
    void usersByRoleListNoUserTwiceWhileEmailsAndRolesChange() {
        List<String> atStart = new ArrayList<>();
        for (char c = 'b'; c <= 'q'; c++) {
            signIn("s-" + c, c + "@example.test", "student");
            atStart.add("s-" + c);
        }
        signIn("i-a", "a-instructor@example.test", "instructor");
        PagingStability.Entries entries = new PagingStability.Entries(atStart);
        List<String> listed = PagingStability.pageThrough(cursor -> page(ADMIN, "/admin/users", Map.of("role", "student"), "id", cursor),
                (pages, shown) -> {
                    if (pages > 2) {
                        return;
                    }
                    signIn("new-a" + pages, "a" + pages + "@example.test", "student");
                    signIn("new-z" + pages, "z" + pages + "@example.test", "student");
                    entries.added("new-a" + pages);
                    entries.added("new-z" + pages);
                    String movedDown = entries.listedAlready(shown);
                    signIn(movedDown, "zz-" + movedDown + "@example.test", "student");
                    entries.removed(movedDown);
                    String movedUp = entries.notYetListed(shown);
                    signIn(movedUp, "aa-" + movedUp + "@example.test", "student");
                    entries.removed(movedUp);
                    for (String promoted : List.of(entries.listedAlready(shown), entries.notYetListed(shown))) {
                        signIn(promoted, promoted.substring(2) + "@example.test", "instructor");
                        entries.removed(promoted);
                    }
                });
        entries.assertListedOnce(listed);
    }

    static void audit(String entity, String id, Instant at, String eventId) {
        new AuditRepository(TestTable.table()).record(new AuditEntry(entity, id, "updated", "u1", "corr-" + eventId, at, eventId,
                List.of(new FieldChange("rating", "2", "5")), at.plusSeconds(86_400)));
    }

    /** An audit entry leaves the log when it expires (TTL): its item is deleted. */
    static void expire(String entity, String id, Instant at, String eventId) {
        TestTable.client().deleteItem(b -> b.tableName(TestTable.NAME).key(AuditKeys.primary(entity, id, at, eventId).toAttributes()));
    }

    @Test
    void oneObjectsHistoryListsEachEntryOnceWhileEntriesArriveAndExpire() {
        pageTheAuditLog(Map.of("entity", "review", "id", "c1:u1"));
    }

    @Test
    void oneEntityTypesDayListsEachEntryOnceWhileEntriesArriveAndExpire() {
        pageTheAuditLog(Map.of("entity", "review", "day", "2026-11-20"));
    }

    @Test
    void aWholeDayListsEachEntryOnceWhileEntriesArriveAndExpire() {
        pageTheAuditLog(Map.of("day", "2026-11-20"));
    }

    /**
     * Newest first by time: between pages an entry arrives above the boundary (newer) and one below it (a late record of
     * an earlier change), a listed entry and one not listed yet expire.
     */
    private void pageTheAuditLog(Map<String, String> query) {
        Instant day = Instant.parse("2026-11-20T00:00:00Z");
        Map<String, Instant> times = new java.util.HashMap<>();
        Consumer<String> write = eventId -> audit("review", "c1:u1", times.get(eventId), eventId);
        List<String> atStart = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String eventId = "e" + i;
            times.put(eventId, day.plusSeconds(3_600 + 600L * i));
            write.accept(eventId);
            atStart.add(eventId);
        }
        PagingStability.Entries entries = new PagingStability.Entries(atStart);
        List<String> late = new ArrayList<>();
        List<String> newest = new ArrayList<>();
        List<String> listed = PagingStability.pageThrough(cursor -> page(ADMIN, "/admin/audit", query, "eventId", cursor), (pages, shown) -> {
            if (pages > 2) {
                return;
            }
            String above = "new" + pages;
            times.put(above, day.plusSeconds(80_000 + pages));
            write.accept(above);
            newest.add(above);
            entries.added(above);
            String below = "late" + pages;
            times.put(below, day.plusSeconds(pages));
            write.accept(below);
            late.add(below);
            entries.added(below);
            for (String gone : List.of(entries.listedAlready(shown), entries.notYetListed(shown))) {
                expire("review", "c1:u1", times.get(gone), gone);
                entries.removed(gone);
            }
        });
        entries.assertListedOnce(listed);
        assertTrue(listed.containsAll(late), "arrived below the boundary: listed when its turn comes " + listed);
        assertTrue(newest.stream().noneMatch(listed::contains), "arrived above the boundary: not in this pass " + listed);
    }

    @Test
    void cursorsOfTheseListsAreOpaqueAndBoundToTheirListAndCaller() {
        for (int i = 1; i <= 4; i++) {
            String id = "course-" + i;
            TestCatalog.course(id, "alice", CourseStatus.PUBLISHED, "Course " + i, "One");
            as(SAM).post("/enroll/{id}", id).then().statusCode(201);
            as(TestTokens.student("pat")).post("/enroll/{id}", id).then().statusCode(201);
            as(TestTokens.student("learner-" + i)).post("/enroll/{id}", "course-1").then().statusCode(201);
            signIn("s-" + i, "student" + i + "@example.test", "student");
            audit("review", "c1:u1", Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i), "event-" + i);
        }
        PagingStability.Seen mine = page(SAM, "/me/enrollments", Map.of(), "courseId", null);
        PagingStability.Seen learners = page(ADMIN, "/courses/{courseId}/enrollments", Map.of(), "userId", null, "course-1");
        PagingStability.Seen users = page(ADMIN, "/admin/users", Map.of("role", "student"), "id", null);
        PagingStability.Seen day = page(ADMIN, "/admin/audit", Map.of("day", "2026-11-20"), "eventId", null);
        PagingStability.Seen history = page(ADMIN, "/admin/audit", Map.of("entity", "review", "id", "c1:u1"), "eventId", null);
        List<String> shown = new ArrayList<>(List.of("sam", "course-1", "student1", "example.test", "c1:u1", "2026-11-20"));
        for (PagingStability.Seen seen : List.of(mine, learners, users, day, history)) {
            shown.addAll(seen.ids());
        }
        for (PagingStability.Seen seen : List.of(mine, learners, users, day, history)) {
            Cursors.assertOpaque(seen.nextCursor(), shown);
        }
        // another caller, another course, another role, another day, another list
        problem(as(TestTokens.student("pat")).queryParam("cursor", mine.nextCursor()).get("/me/enrollments").then(), 400, "invalid-cursor");
        problem(as(ADMIN).queryParam("cursor", learners.nextCursor()).get("/courses/{courseId}/enrollments", "course-2").then(), 400,
                "invalid-cursor");
        problem(as(ADMIN).queryParam("role", "admin").queryParam("cursor", users.nextCursor()).get("/admin/users").then(), 400,
                "invalid-cursor");
        problem(as(ADMIN).queryParam("day", "2026-11-21").queryParam("cursor", day.nextCursor()).get("/admin/audit").then(), 400,
                "invalid-cursor");
        problem(as(ADMIN).queryParam("entity", "review").queryParam("day", "2026-11-20").queryParam("cursor", day.nextCursor())
                .get("/admin/audit").then(), 400, "invalid-cursor");
        problem(as(ADMIN).queryParam("day", "2026-11-20").queryParam("cursor", history.nextCursor()).get("/admin/audit").then(), 400,
                "invalid-cursor");
        problem(as(SAM).queryParam("cursor", learners.nextCursor()).get("/me/enrollments").then(), 400, "invalid-cursor");
    }
}
