package dev.skillforge.enrollments.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.media.MediaLinks;
import dev.skillforge.web.paging.CursorDocs;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.enrollments.app.EnrollmentService;
import io.quarkus.security.Authenticated;

/** The caller's own enrollments. */
@Path("/me/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MyEnrollmentsResource {

    @Inject
    EnrollmentService enrollments;

    @Inject
    CallerContext caller;

    @Inject
    MediaLinks media;

    @GET
    public Page<EnrollmentView> list(@QueryParam("limit") String limit, @Parameter(description = CursorDocs.FIXED_ORDER) @QueryParam("cursor") String cursor) {
        return enrollments.mine(caller.required(), PageRequest.parse(limit, cursor)).map(enrolled -> EnrollmentView.of(enrolled, media));
    }

    /** One enrollment of the caller: what {@code POST /enroll/{courseId}} created (its Location). */
    @GET
    @Path("{courseId}")
    public EnrollmentView one(@PathParam("courseId") String courseId) {
        return EnrollmentView.of(enrollments.myEnrollment(caller.required(), courseId), media);
    }
}
