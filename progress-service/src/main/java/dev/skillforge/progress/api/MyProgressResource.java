package dev.skillforge.progress.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.progress.app.ProgressService;
import io.quarkus.security.Authenticated;

/** The caller's own progress in a course. */
@Path("/me/progress/{courseId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MyProgressResource {

    @Inject
    ProgressService progress;

    @Inject
    CallerContext caller;

    @GET
    public CourseProgressView get(@PathParam("courseId") String courseId) {
        return CourseProgressView.of(progress.ofCourse(courseId, caller.required()));
    }
}
