package dev.skillforge.reviews.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.data.review.Review;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.reviews.app.ReviewService;

/** One review, where {@code POST /reviews/{courseId}} says it created it (its Location). */
@Path("/reviews/{courseId}/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class SingleReviewResource {

    @Inject
    ReviewService reviews;

    @Inject
    CallerContext caller;

    /** Public while its course is visible to the caller, as the course's review list is; the ETag is the review's version. */
    @GET
    @PermitAll
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review; ETag is its version")
    public Response one(@PathParam("courseId") String courseId, @PathParam("userId") String userId) {
        Review review = reviews.one(courseId, userId, caller.optional().orElse(null));
        return Response.ok(ReviewView.of(review)).tag(Long.toString(review.version())).build();
    }
}
