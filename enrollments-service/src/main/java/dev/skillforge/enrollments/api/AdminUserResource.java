package dev.skillforge.enrollments.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.skillforge.web.auth.Role;
import dev.skillforge.web.paging.CursorDocs;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.enrollments.app.ProfileService;

/** Admins list users by role, ordered by email (GSI1). */
@Path("/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_GROUP)
public class AdminUserResource {

    @Inject
    ProfileService profiles;

    @GET
    public Page<ProfileView> list(
            @QueryParam("role") @NotNull @Pattern(regexp = "admin|instructor|student", message = "must be admin, instructor or student") String role,
            @QueryParam("limit") String limit, @Parameter(description = CursorDocs.MOVING_ORDER) @QueryParam("cursor") String cursor) {
        return profiles.listByRole(role, PageRequest.parse(limit, cursor)).map(ProfileView::of);
    }
}
