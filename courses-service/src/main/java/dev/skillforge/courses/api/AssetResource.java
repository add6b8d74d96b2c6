package dev.skillforge.courses.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.skillforge.courses.app.AssetService;
import dev.skillforge.media.UploadGrant;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.auth.Role;
import io.quarkus.security.Authenticated;

/** Upload grants for a course's cover and lesson files (presigned S3 PUT URLs). */
@Path("/courses/{courseId}/assets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssetResource {

    @Inject
    AssetService assets;

    @Inject
    CallerContext caller;

    /**
     * 200, not 201: a grant is signed on the spot and stored nowhere, so there is no created resource a Location could
     * name; the object exists once the client's PUT to S3 succeeds.
     */
    @POST
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = UploadGrant.class, responseCode = "200", responseDescription = "A presigned PUT, valid for minutes")
    public UploadGrant grantUpload(@PathParam("courseId") String courseId, @Valid @NotNull AssetRequest body) {
        return assets.grantUpload(courseId, body.kind(), body.lessonId(), body.contentType(), body.contentLength(), caller.required());
    }
}
