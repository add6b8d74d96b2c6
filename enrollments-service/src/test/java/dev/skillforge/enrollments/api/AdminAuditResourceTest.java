package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.audit.AuditEntry;
import dev.skillforge.data.audit.AuditRepository;
import dev.skillforge.data.audit.FieldChange;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class AdminAuditResourceTest {

    static final String ADMIN = TestTokens.admin("root");

    static void entry(String entity, String id, String action, String at, String eventId) {
        Instant changedAt = Instant.parse(at);
        new AuditRepository(TestTable.table()).record(new AuditEntry(entity, id, action, "u1", "corr-" + eventId, changedAt, eventId,
                List.of(new FieldChange("rating", "2", "5")), changedAt.plusSeconds(86400)));
    }

    @Test
    void adminsReadTheLogByObjectByEntityAndDayAndByDay() {
        entry("review", "c1:u1", "created", "2026-11-20T10:00:00Z", "e1");
        entry("review", "c1:u1", "updated", "2026-11-20T11:00:00Z", "e2");
        entry("course", "c1", "updated", "2026-11-20T12:00:00Z", "e3");
        entry("course", "c2", "created", "2026-11-21T09:00:00Z", "e4");

        as(ADMIN).queryParam("entity", "review").queryParam("id", "c1:u1").get("/admin/audit").then().statusCode(200)
                .body("items.eventId", contains("e2", "e1"))
                .body("items[0].changes[0].field", equalTo("rating"))
                .body("items[0].correlationId", equalTo("corr-e2"))
                .body("items[0].changes[0].newValue", equalTo("5"));
        as(ADMIN).queryParam("entity", "course").queryParam("day", "2026-11-20").get("/admin/audit").then()
                .body("items.eventId", contains("e3"));
        as(ADMIN).queryParam("day", "2026-11-20").get("/admin/audit").then().body("items.eventId", contains("e3", "e2", "e1"));
        String cursor = as(ADMIN).queryParam("day", "2026-11-20").queryParam("limit", 2).get("/admin/audit").jsonPath().getString("nextCursor");
        as(ADMIN).queryParam("day", "2026-11-20").queryParam("limit", 2).queryParam("cursor", cursor).get("/admin/audit").then()
                .body("items.eventId", contains("e1"));
        problem(as(ADMIN).queryParam("day", "2026-11-21").queryParam("cursor", cursor).get("/admin/audit").then(), 400, "invalid-cursor");
    }

    @Test
    void onlyAdminsReadTheLogAndBadFiltersAreFieldErrors() {
        problem(as(TestTokens.instructor("i1")).get("/admin/audit").then(), 403, "forbidden");
        problem(as(ADMIN).queryParam("day", "yesterday").get("/admin/audit").then(), 400, "validation").body("errors.field", hasItem("day"));
        problem(as(ADMIN).queryParam("entity", "user#1").get("/admin/audit").then(), 400, "validation").body("errors.field", hasItem("entity"));
        problem(as(ADMIN).queryParam("id", "c1").get("/admin/audit").then(), 400, "validation").body("errors.field", hasItem("entity"));
        as(ADMIN).get("/admin/audit").then().statusCode(200);
    }
}
