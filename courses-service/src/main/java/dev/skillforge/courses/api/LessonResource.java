package dev.skillforge.courses.api;

import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.List;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.web.routes.Created;
import dev.skillforge.courses.app.LessonService;
import dev.skillforge.courses.app.Outline;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.auth.Role;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.web.media.MediaLinks;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.web.preconditions.VersionRequest;
import io.quarkus.security.Authenticated;

/** A course's lessons: the outline for everyone, content for enrolled students, authoring for owners. */
@Path("/courses/{courseId}/lessons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LessonResource {

    @Inject
    LessonService lessons;

    @Inject
    CallerContext caller;

    @Inject
    MediaLinks media;

    /** The outline; for its authors the ETag is the outline's version, which a reorder names. */
    @GET
    @PermitAll
    @APIResponseSchema(value = OutlineView.class, responseCode = "200", responseDescription = "The outline; for its authors, ETag is the outline's version")
    public Response outline(@PathParam("courseId") String courseId) {
        return outlineAnswer(lessons.outline(courseId, caller.optional().orElse(null)));
    }

    @POST
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = LessonView.class, responseCode = "201", responseDescription = "Added at the end of the outline")
    public Response add(@PathParam("courseId") String courseId, @Valid @NotNull LessonRequest body) {
        Lesson lesson = lessons.add(courseId, LessonEdits.of(body), caller.required());
        return Created.at("/courses/" + courseId + "/lessons/" + lesson.lessonId())
                .entity(LessonView.of(lesson, lesson.position(), Outline.Access.AUTHOR, media))
                .tag(Long.toString(lesson.version()))
                .build();
    }

    /** Reorders the outline: the body lists every lesson id once, in the new order; If-Match or {@code version}: the outline's. */
    @PUT
    @Path("order")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = OutlineView.class, responseCode = "200", responseDescription = "Reordered; ETag is the outline's new version")
    public Response reorder(@PathParam("courseId") String courseId, @HeaderParam("If-Match") List<String> ifMatch,
            @Valid @NotNull ReorderRequest body) {
        return outlineAnswer(lessons.reorder(courseId, body.lessonIds(), ExpectedVersion.of(ifMatch, body.version()), caller.required()));
    }

    /** One lesson: the body and quiz questions for enrolled learners, the answer key for its authors, else the outline fields. */
    @GET
    @Path("{lessonId}")
    @PermitAll
    @APIResponseSchema(value = LessonView.class, responseCode = "200", responseDescription = "The lesson as the caller may see it; "
            + "for its authors, ETag is the lesson's version")
    public Response lesson(@PathParam("courseId") String courseId, @PathParam("lessonId") String lessonId) {
        LessonService.LessonRead read = lessons.lesson(courseId, lessonId, caller.optional().orElse(null));
        if (read.lesson() == null) {
            return Response.ok(LessonView.of(read.entry(), read.position(), false).withCourse(courseId)).build();
        }
        Response.ResponseBuilder response = Response.ok(LessonView.of(read.lesson(), null, read.access(), media));
        return read.access() == Outline.Access.AUTHOR ? response.tag(Long.toString(read.lesson().version())).build() : response.build();
    }

    @PUT
    @Path("{lessonId}")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = LessonView.class, responseCode = "200", responseDescription = "Edited; ETag is the new version")
    public Response edit(@PathParam("courseId") String courseId, @PathParam("lessonId") String lessonId,
            @HeaderParam("If-Match") List<String> ifMatch, @Valid @NotNull LessonRequest body) {
        Lesson lesson = lessons.edit(courseId, lessonId, LessonEdits.of(body), ExpectedVersion.of(ifMatch, body.version()),
                caller.required());
        return LessonEdits.authorView(lesson, media);
    }

    @DELETE
    @Path("{lessonId}")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("courseId") String courseId, @PathParam("lessonId") String lessonId,
            @HeaderParam("If-Match") List<String> ifMatch, @RequestBody(required = false) @Valid VersionRequest body) {
        lessons.delete(courseId, lessonId, ExpectedVersion.of(ifMatch, VersionRequest.of(body)), caller.required());
        return Response.noContent().build();
    }

    private static Response outlineAnswer(Outline outline) {
        Response.ResponseBuilder response = Response.ok(OutlineView.of(outline));
        return outline.access() == Outline.Access.AUTHOR ? response.tag(Long.toString(outline.lessons().version())).build() : response.build();
    }
}
