package dev.skillforge.courses.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.courses.app.LessonService;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.media.MediaLinks;
import dev.skillforge.web.auth.Role;
import dev.skillforge.web.preconditions.ExpectedVersion;
import io.quarkus.security.Authenticated;

/** The seed's {@code PUT /lessons/{lessonId}}, kept working: the same edit as under its course. */
@Path("/lessons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SeedLessonResource {

    @Inject
    LessonService lessons;

    @Inject
    CallerContext caller;

    @Inject
    MediaLinks media;

    @PUT
    @Path("{lessonId}")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = LessonView.class, responseCode = "200", responseDescription = "Edited; ETag is the new version")
    public Response edit(@PathParam("lessonId") String lessonId, @HeaderParam("If-Match") List<String> ifMatch,
            @Valid @NotNull LessonRequest body) {
        return LessonEdits.authorView(lessons.editById(lessonId, LessonEdits.of(body),
                ExpectedVersion.of(ifMatch, body.version()), caller.required()), media);
    }
}
