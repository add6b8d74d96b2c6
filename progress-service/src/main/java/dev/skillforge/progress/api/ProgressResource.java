package dev.skillforge.progress.api;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.progress.app.ProgressService;
import io.quarkus.security.Authenticated;

/** An enrolled learner completes lessons and takes quizzes. */
@Path("/progress/{courseId}/{lessonId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ProgressResource {

    @Inject
    ProgressService progress;

    @Inject
    CallerContext caller;

    /** Marks the lesson complete; repeating it is harmless. Answers with the course progress. */
    @PUT
    public CourseProgressView complete(@PathParam("courseId") String courseId, @PathParam("lessonId") String lessonId) {
        return CourseProgressView.of(progress.complete(courseId, lessonId, caller.required()));
    }

    @POST
    @Path("quiz")
    public QuizResultView submitQuiz(@PathParam("courseId") String courseId, @PathParam("lessonId") String lessonId,
            @Valid @NotNull QuizSubmission body) {
        return QuizResultView.of(progress.submitQuiz(courseId, lessonId, body.answers(), caller.required()));
    }
}
