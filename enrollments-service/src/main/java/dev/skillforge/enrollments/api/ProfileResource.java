package dev.skillforge.enrollments.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.media.MediaLinks;
import dev.skillforge.media.UploadGrant;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.data.user.UserProfile;
import dev.skillforge.enrollments.app.AdminUserService;
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

    @Inject
    AdminUserService accounts;

    @Inject
    MediaLinks media;

    @GET
    @APIResponseSchema(value = ProfileView.class, responseCode = "200", responseDescription = "The profile; ETag is its version")
    public Response get() {
        return withVersion(profiles.ensure(caller.required()));
    }

    /** Replaces the editable fields (name, bio, avatar); ProfileRequest says what an omitted one becomes. */
    @PUT
    @APIResponseSchema(value = ProfileView.class, responseCode = "200", responseDescription = "Edited; ETag is the new version")
    public Response edit(@HeaderParam("If-Match") List<String> ifMatch, @Valid @NotNull ProfileRequest body) {
        return withVersion(profiles.edit(caller.required(), body.name(), body.bio(), body.avatarKey(), ExpectedVersion.of(ifMatch, body.version())));
    }

    /**
     * 200, not 201: a grant is signed on the spot; the picture exists once the client's PUT to S3 succeeds, and shows once
     * PUT /me names its key.
     */
    @POST
    @Path("avatar")
    @Operation(summary = "Upload a profile picture", description = "Grants one presigned PUT of a JPEG, PNG or WebP picture of the "
            + "given type and exact size to the assets bucket. After the upload, PUT /me with `avatarKey` set to the grant's `key` "
            + "(within `attachBy`) shows it on the profile; the key is checked against the grant and the stored file then.")
    @APIResponseSchema(value = UploadGrant.class, responseCode = "200", responseDescription = "A presigned PUT, valid for minutes")
    public UploadGrant grantAvatar(@Valid @NotNull UploadRequest body) {
        return profiles.grantAvatar(caller.required(), body.contentType(), body.contentLength());
    }

    /** The caller deletes their own account; see DELETE /admin/users/{userId} for what goes and when. */
    @DELETE
    @Operation(summary = "Delete my account", description = "Deletes the caller's account from the user pool and, in bounded steps after"
            + " the answer, their profile, enrollments, progress and reviews (their ratings leave the course aggregates). The token"
            + " used here and every other one of the account are refused from then on. The last enabled admin cannot (409).")
    @APIResponse(responseCode = "204", description = "Deleted; the erasure of the account's data has started")
    public Response delete() {
        var me = caller.required();
        accounts.delete(me, me.userId(), true);
        return Response.noContent().build();
    }

    /** The version doubles as the ETag, so a client can send it back as If-Match. */
    private Response withVersion(UserProfile profile) {
        return Response.ok(ProfileView.of(profile, media)).tag(Long.toString(profile.version())).build();
    }
}
