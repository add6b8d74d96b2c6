package dev.skillforge.reviews.api;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.media.MediaLinks;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.skillforge.web.paging.CursorDocs;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.reviews.app.ReviewService;

/** Public reads: a course's reviews and rating (of a course the caller may see), and the top-rated list. */
@Path("/courses")
@Produces(MediaType.APPLICATION_JSON)
public class CourseRatingResource {

    @Inject
    ReviewService reviews;

    @Inject
    CallerContext caller;

    @Inject
    MediaLinks media;

    @GET
    @Path("{courseId}/reviews")
    @PermitAll
    public Page<ReviewView> reviews(@PathParam("courseId") String courseId, @QueryParam("limit") String limit,
            @Parameter(description = CursorDocs.FIXED_ORDER) @QueryParam("cursor") String cursor) {
        return reviews.ofCourse(courseId, caller.optional().orElse(null), PageRequest.parse(limit, cursor)).map(ReviewView::of);
    }

    @GET
    @Path("{courseId}/rating")
    @PermitAll
    public RatingView rating(@PathParam("courseId") String courseId) {
        return RatingView.of(reviews.rating(courseId, caller.optional().orElse(null)));
    }

    /** Published courses with at least skillforge.top-rated.min-reviews reviews, best average first. */
    @GET
    @Path("top-rated")
    @PermitAll
    public Page<TopRatedView> topRated(@QueryParam("limit") String limit, @Parameter(description = CursorDocs.MOVING_ORDER) @QueryParam("cursor") String cursor) {
        return reviews.topRated(PageRequest.parse(limit, cursor)).map(rated -> TopRatedView.of(rated, media));
    }
}
