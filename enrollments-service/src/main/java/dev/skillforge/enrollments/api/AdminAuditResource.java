package dev.skillforge.enrollments.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.skillforge.data.audit.AuditRepository;
import dev.skillforge.web.auth.Role;
import dev.skillforge.web.paging.CursorDocs;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.InvalidInput;

/**
 * The audit log, newest first, for admins: one object's history ({@code entity} and {@code id}), one entity type
 * on one day ({@code entity}, {@code day} defaulting to today UTC), or everything on one day ({@code day}).
 */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_GROUP)
public class AdminAuditResource {

    @Inject
    AuditRepository audit;

    @Inject
    Clock clock;

    @GET
    public Page<AuditEntryView> list(
            @QueryParam("entity") @Pattern(regexp = "course|lesson|enrollment|review|progress|userAccount", message = "must be course, lesson, enrollment, review, progress or userAccount") String entity,
            @QueryParam("id") @Pattern(regexp = "[A-Za-z0-9_:-]{1,200}", message = "must be an audit id such as <courseId>:<userId>") String id,
            @QueryParam("day") String day,
            @QueryParam("limit") String limit, @Parameter(description = CursorDocs.FIXED_ORDER) @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        if (id != null) {
            if (entity == null) {
                throw new InvalidInput("entity", "is required with id");
            }
            return audit.ofObject(entity, id, page).map(AuditEntryView::of);
        }
        String theDay = day == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString() : validDay(day);
        if (entity != null) {
            return audit.ofEntityOnDay(entity, theDay, page).map(AuditEntryView::of);
        }
        return audit.onDay(theDay, page).map(AuditEntryView::of);
    }

    private static String validDay(String day) {
        try {
            return LocalDate.parse(day).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("day", "must be a date like 2026-11-25");
        }
    }
}
