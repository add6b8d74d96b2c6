package dev.skillforge.enrollments.api;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.web.routes.Created;
import dev.skillforge.web.auth.Caller;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.media.MediaLinks;
import dev.skillforge.enrollments.app.Enrolled;
import dev.skillforge.enrollments.app.EnrollmentService;
import io.quarkus.security.Authenticated;

/** Enrolling in and leaving a course (the seed's POST /enroll/{courseId}). */
@Path("/enroll/{courseId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class EnrollmentResource {

    @Inject
    EnrollmentService enrollments;

    @Inject
    CallerContext caller;

    @Inject
    MediaLinks media;

    @POST
    @APIResponseSchema(value = EnrollmentView.class, responseCode = "201", responseDescription = "Enrolled; Location is the enrollment (GET /me/enrollments/{courseId})")
    @APIResponse(responseCode = "200", description = "Already enrolled: the existing enrollment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrollmentView.class)))
    public Response enroll(@PathParam("courseId") String courseId) {
        Enrolled enrolled = enrollments.enroll(courseId, caller.required());
        EnrollmentView view = EnrollmentView.of(enrolled.enrollment(), media);
        return enrolled.created() ? Created.at("/me/enrollments/" + view.courseId()).entity(view).build()
                : Response.ok(view).build();
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Left the course")
    public Response unenroll(@PathParam("courseId") String courseId) {
        Caller me = caller.required();
        enrollments.unenroll(courseId, me.userId(), me);
        return Response.noContent().build();
    }
}
