package dev.skillforge.enrollments.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.skillforge.web.auth.Caller;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.paging.CursorDocs;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.enrollments.app.EnrollmentService;
import io.quarkus.security.Authenticated;

/** A course's enrollment list (its instructor and admins), and removing someone from a course. */
@Path("/courses/{courseId}/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CourseEnrollmentsResource {

    @Inject
    EnrollmentService enrollments;

    @Inject
    CallerContext caller;

    @GET
    public Page<EnrolledUserView> list(@PathParam("courseId") String courseId, @QueryParam("limit") String limit,
            @Parameter(description = CursorDocs.FIXED_ORDER) @QueryParam("cursor") String cursor) {
        Caller me = caller.required();
        return enrollments.ofCourse(courseId, me, PageRequest.parse(limit, cursor)).map(e -> EnrolledUserView.of(e, me.isAdmin()));
    }

    /** Admins remove anyone's enrollment; a user may remove their own here too. */
    @DELETE
    @Path("{userId}")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("courseId") String courseId, @PathParam("userId") String userId) {
        enrollments.unenroll(courseId, userId, caller.required());
        return Response.noContent().build();
    }
}
