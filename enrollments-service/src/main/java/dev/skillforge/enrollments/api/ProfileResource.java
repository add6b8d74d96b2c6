package dev.skillforge.enrollments.api;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.enrollments.app.ProfileService;
import io.quarkus.security.Authenticated;

/** The caller's own profile. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ProfileResource {

    @Inject
    ProfileService profiles;

    @Inject
    CallerContext caller;

    @GET
    public ProfileView get() {
        return ProfileView.of(profiles.ensure(caller.required()));
    }

    @PUT
    public ProfileView edit(@Valid @NotNull ProfileRequest body) {
        return ProfileView.of(profiles.edit(caller.required(), body.name(), body.bio(), body.version()));
    }
}
