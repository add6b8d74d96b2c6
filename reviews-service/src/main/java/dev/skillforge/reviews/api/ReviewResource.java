package dev.skillforge.reviews.api;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.web.auth.Caller;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.auth.Role;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.reviews.app.ReviewEdit;
import dev.skillforge.reviews.app.Reviewed;
import dev.skillforge.reviews.app.ReviewService;
import io.quarkus.security.Authenticated;

/** Writing reviews: one per enrolled learner and course (the seed's POST /reviews/{courseId}). */
@Path("/reviews/{courseId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @Inject
    CallerContext caller;

    @POST
    @APIResponseSchema(value = ReviewView.class, responseCode = "201", responseDescription = "Reviewed")
    @APIResponse(responseCode = "200", description = "The same review was already posted: the stored one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "409", description = "A different review by the caller exists: edit it with PUT")
    public Response create(@PathParam("courseId") String courseId, @Valid @NotNull ReviewRequest body) {
        Reviewed reviewed = reviews.create(courseId, edit(body), caller.required());
        ReviewView view = ReviewView.of(reviewed.review());
        return reviewed.created() ? Response.created(URI.create("/courses/" + courseId + "/reviews")).entity(view).build()
                : Response.ok(view).build();
    }

    @PUT
    public ReviewView edit(@PathParam("courseId") String courseId, @Valid @NotNull ReviewRequest body) {
        if (body.version() == null) {
            throw new InvalidInput("version", "is required: send the version of the review you edited");
        }
        return ReviewView.of(reviews.edit(courseId, edit(body), body.version(), caller.required()));
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteOwn(@PathParam("courseId") String courseId) {
        Caller me = caller.required();
        reviews.delete(courseId, me.userId(), me);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{userId}")
    @RolesAllowed(Role.ADMIN_GROUP)
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteAny(@PathParam("courseId") String courseId, @PathParam("userId") String userId) {
        reviews.delete(courseId, userId, caller.required());
        return Response.noContent().build();
    }

    private static ReviewEdit edit(ReviewRequest body) {
        return new ReviewEdit(body.rating(), body.title(), body.text());
    }
}
