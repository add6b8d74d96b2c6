package dev.skillforge.reviews.api;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.web.routes.Created;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.auth.Role;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.web.preconditions.VersionRequest;
import dev.skillforge.web.auth.Caller;
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
    @APIResponseSchema(value = ReviewView.class, responseCode = "201", responseDescription = "Reviewed; Location is the review (GET /reviews/{courseId}/{userId}), ETag its version")
    @APIResponse(responseCode = "200", description = "The same review was already posted: the stored one; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "409", description = "A different review by the caller exists: edit it with PUT")
    public Response create(@PathParam("courseId") String courseId, @Valid @NotNull ReviewRequest body) {
        Reviewed reviewed = reviews.create(courseId, edit(body), caller.required());
        ReviewView view = ReviewView.of(reviewed.review());
        Response.ResponseBuilder response = reviewed.created()
                ? Created.at("/reviews/" + view.courseId() + "/" + view.userId()).entity(view)
                : Response.ok(view);
        return response.tag(Long.toString(view.version())).build();
    }

    /** Replaces the caller's review; ReviewRequest says what an omitted field becomes. */
    @PUT
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "Edited; ETag is the new version")
    public Response edit(@PathParam("courseId") String courseId, @HeaderParam("If-Match") List<String> ifMatch,
            @Valid @NotNull ReviewRequest body) {
        ReviewView view = ReviewView.of(reviews.edit(courseId, edit(body), ExpectedVersion.of(ifMatch, body.version()), caller.required()));
        return Response.ok(view).tag(Long.toString(view.version())).build();
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteOwn(@PathParam("courseId") String courseId, @HeaderParam("If-Match") List<String> ifMatch,
            @RequestBody(required = false) @Valid VersionRequest body) {
        reviews.deleteOwn(courseId, ExpectedVersion.of(ifMatch, VersionRequest.of(body)), caller.required());
        return Response.noContent().build();
    }

    /** Admins only; the role is checked after the course's visibility (a hidden course is a 404 whatever the role). */
    @DELETE
    @Path("{userId}")
    @SecurityRequirement(name = "bearer", scopes = Role.ADMIN_GROUP)
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteAny(@PathParam("courseId") String courseId, @PathParam("userId") String userId,
            @HeaderParam("If-Match") List<String> ifMatch, @RequestBody(required = false) @Valid VersionRequest body) {
        reviews.deleteAny(courseId, userId, ExpectedVersion.of(ifMatch, VersionRequest.of(body)), caller.required());
        return Response.noContent().build();
    }

    private static ReviewEdit edit(ReviewRequest body) {
        return new ReviewEdit(body.rating(), body.title(), body.text());
    }
}
