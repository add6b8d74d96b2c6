package dev.skillforge.enrollments.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.enrollments.app.AdminUserService;
import dev.skillforge.enrollments.app.ProfileService;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.media.MediaLinks;
import dev.skillforge.web.auth.Role;
import dev.skillforge.web.paging.CursorDocs;

/**
 * Admins manage users: list them by role (ordered by email, GSI1), change a role, disable and enable an account. A
 * change answers the user as it now is; sending it again changes nothing more.
 */
@Path("/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_GROUP)
public class AdminUserResource {

    @Inject
    ProfileService profiles;

    @Inject
    AdminUserService users;

    @Inject
    CallerContext caller;

    @Inject
    MediaLinks media;

    @GET
    public Page<ProfileView> list(
            @QueryParam("role") @NotNull @Pattern(regexp = "admin|instructor|student", message = "must be admin, instructor or student") String role,
            @QueryParam("limit") String limit, @Parameter(description = CursorDocs.MOVING_ORDER) @QueryParam("cursor") String cursor) {
        return profiles.listByRole(role, PageRequest.parse(limit, cursor)).map(profile -> ProfileView.of(profile, media));
    }

    @PUT
    @Path("/{userId}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a user a role", description = "Moves the user into the role's group and out of the other role groups."
            + " Their tokens issued before the change are refused from now on (reads within 30 seconds); a refreshed token carries"
            + " the new role. An admin cannot remove their own admin role, and the last enabled admin keeps it (409).")
    public ManagedUserView changeRole(@PathParam("userId") String userId, @Valid @NotNull RoleRequest body) {
        return ManagedUserView.of(users.changeRole(caller.required(), userId, body.role()));
    }

    @POST
    @Path("/{userId}/disable")
    @Operation(summary = "Disable a user", description = "The user can no longer sign in or refresh tokens; their unexpired tokens are"
            + " refused at once for changes and within 30 seconds for reads. An admin cannot disable themselves or the last enabled admin (409).")
    public ManagedUserView disable(@PathParam("userId") String userId) {
        return ManagedUserView.of(users.disable(caller.required(), userId));
    }

    @DELETE
    @Path("/{userId}")
    @Operation(summary = "Delete a user", description = "Deletes the account from the user pool and, in bounded steps after the answer,"
            + " the user's profile, enrollments, progress and reviews (their ratings leave the course aggregates). Their tokens are"
            + " refused at once for changes and within 30 seconds for reads. The audit log keeps only the user's pseudonymous id."
            + " The last enabled admin cannot be deleted (409); admins delete their own account with DELETE /me.")
    @APIResponse(responseCode = "204", description = "Deleted; the erasure of the user's data has started")
    public Response delete(@PathParam("userId") String userId) {
        users.delete(caller.required(), userId, false);
        return Response.noContent().build();
    }

    @POST
    @Path("/{userId}/enable")
    @Operation(summary = "Enable a user", description = "The user can sign in again. Tokens from before the disable stay refused.")
    public ManagedUserView enable(@PathParam("userId") String userId) {
        return ManagedUserView.of(users.enable(caller.required(), userId));
    }
}
