package dev.skillforge.enrollments.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.data.user.UserProfile;
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
    @APIResponseSchema(value = ProfileView.class, responseCode = "200", responseDescription = "The profile; ETag is its version")
    public Response get() {
        return withVersion(profiles.ensure(caller.required()));
    }

    /** Replaces the editable fields (name, bio); ProfileRequest says what an omitted one becomes. */
    @PUT
    @APIResponseSchema(value = ProfileView.class, responseCode = "200", responseDescription = "Edited; ETag is the new version")
    public Response edit(@HeaderParam("If-Match") List<String> ifMatch, @Valid @NotNull ProfileRequest body) {
        return withVersion(profiles.edit(caller.required(), body.name(), body.bio(), ExpectedVersion.of(ifMatch, body.version())));
    }

    /** The version doubles as the ETag, so a client can send it back as If-Match. */
    private static Response withVersion(UserProfile profile) {
        return Response.ok(ProfileView.of(profile)).tag(Long.toString(profile.version())).build();
    }
}
