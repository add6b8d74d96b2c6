package dev.skillforge.courses.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
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

import dev.skillforge.courses.app.ExpectedVersion;
import dev.skillforge.courses.app.LessonService;
import dev.skillforge.courses.app.Outline;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.auth.Role;
import dev.skillforge.data.lesson.Lesson;

/** A course's lessons: the outline for everyone, content for enrolled students, authoring for owners. */
@Path("/courses/{courseId}/lessons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LessonResource {

    @Inject
    LessonService lessons;

    @Inject
    CallerContext caller;

    @GET
    @PermitAll
    public OutlineView outline(@PathParam("courseId") String courseId) {
        return OutlineView.of(lessons.outline(courseId, caller.optional().orElse(null)));
    }

    @POST
    @RolesAllowed({ Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = LessonView.class, responseCode = "201", responseDescription = "Added at the end of the outline")
    public Response add(@PathParam("courseId") String courseId, @Valid @NotNull LessonRequest body) {
        Lesson lesson = lessons.add(courseId, LessonEdits.of(body), caller.required());
        return Response.created(URI.create("/courses/" + courseId + "/lessons/" + lesson.lessonId()))
                .entity(LessonView.of(lesson, lesson.position(), Outline.Access.AUTHOR))
                .tag(Long.toString(lesson.version()))
                .build();
    }

    /** Reorders the outline: the body lists every lesson id once, in the new order. */
    @PUT
    @Path("order")
    @RolesAllowed({ Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    public OutlineView reorder(@PathParam("courseId") String courseId, @Valid @NotNull ReorderRequest body) {
        return OutlineView.of(lessons.reorder(courseId, body.lessonIds(), body.version(), caller.required()));
    }

    /** One lesson: the body and quiz questions for enrolled learners, the answer key for its authors, else the outline fields. */
    @GET
    @Path("{lessonId}")
    @PermitAll
    public Response lesson(@PathParam("courseId") String courseId, @PathParam("lessonId") String lessonId) {
        LessonService.LessonRead read = lessons.lesson(courseId, lessonId, caller.optional().orElse(null));
        if (read.lesson() == null) {
            return Response.ok(LessonView.of(read.entry(), read.position(), false).withCourse(courseId)).build();
        }
        Response.ResponseBuilder response = Response.ok(LessonView.of(read.lesson(), null, read.access()));
        return read.access() == Outline.Access.AUTHOR ? response.tag(Long.toString(read.lesson().version())).build() : response.build();
    }

    @PUT
    @Path("{lessonId}")
    @RolesAllowed({ Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = LessonView.class, responseCode = "200", responseDescription = "Edited")
    public Response edit(@PathParam("courseId") String courseId, @PathParam("lessonId") String lessonId,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull LessonRequest body) {
        Lesson lesson = lessons.edit(courseId, lessonId, LessonEdits.of(body), ExpectedVersion.of(ifMatch, body.version()),
                caller.required());
        return LessonEdits.authorView(lesson);
    }

    @DELETE
    @Path("{lessonId}")
    @RolesAllowed({ Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("courseId") String courseId, @PathParam("lessonId") String lessonId,
            @HeaderParam("If-Match") String ifMatch) {
        lessons.delete(courseId, lessonId, ExpectedVersion.of(ifMatch, null), caller.required());
        return Response.noContent().build();
    }
}
