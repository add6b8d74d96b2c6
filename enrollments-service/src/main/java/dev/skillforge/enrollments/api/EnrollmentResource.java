package dev.skillforge.enrollments.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.data.auth.Caller;
import dev.skillforge.data.auth.CallerContext;
import dev.skillforge.enrollments.app.EnrolledCourse;
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

    @POST
    @APIResponseSchema(value = EnrollmentView.class, responseCode = "201", responseDescription = "Enrolled")
    public Response enroll(@PathParam("courseId") String courseId) {
        EnrolledCourse enrolled = enrollments.enroll(courseId, caller.required());
        return Response.created(URI.create("/me/enrollments")).entity(EnrollmentView.of(enrolled)).build();
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Left the course")
    public Response unenroll(@PathParam("courseId") String courseId) {
        Caller me = caller.required();
        enrollments.unenroll(courseId, me.userId(), me);
        return Response.noContent().build();
    }
}
