package dev.skillforge.courses.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.courses.app.AssetService;
import dev.skillforge.courses.app.AssetUpload;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.auth.Role;

/** Upload grants for a course's cover and lesson files (presigned S3 PUT URLs). */
@Path("/courses/{courseId}/assets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssetResource {

    @Inject
    AssetService assets;

    @Inject
    CallerContext caller;

    @POST
    @RolesAllowed({ Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = dev.skillforge.courses.app.AssetUpload.class, responseCode = "201", responseDescription = "A presigned PUT, valid for minutes")
    public Response grantUpload(@PathParam("courseId") String courseId, @Valid @NotNull AssetRequest body) {
        AssetUpload upload = assets.grantUpload(courseId, body.kind(), body.lessonId(), body.contentType(), body.contentLength(),
                caller.required());
        return Response.status(Response.Status.CREATED).entity(upload).build();
    }
}
