package dev.skillforge.courses.api;

import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.skillforge.web.routes.Created;
import dev.skillforge.courses.app.CourseEdit;
import dev.skillforge.courses.app.CourseSearch;
import dev.skillforge.courses.app.CourseService;
import dev.skillforge.web.auth.CallerContext;
import dev.skillforge.web.auth.Role;
import dev.skillforge.data.course.Course;
import dev.skillforge.web.paging.CursorDocs;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.web.preconditions.VersionRequest;
import dev.skillforge.web.media.MediaLinks;
import io.quarkus.security.Authenticated;

/** The course catalog (public reads) and course authoring (instructors and admins). */
@Path("/courses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CourseResource {

    @Inject
    CourseService courses;

    @Inject
    CourseSearch search;

    @Inject
    CallerContext caller;

    @Inject
    MediaLinks media;

    @GET
    @PermitAll
    public Page<CourseView> list(
            @QueryParam("category") @Size(max = 40) @Pattern(regexp = Text.SLUG, message = Text.SLUG_MESSAGE) String category,
            @QueryParam("limit") String limit,
            @Parameter(description = CursorDocs.FIXED_ORDER) @QueryParam("cursor") String cursor) {
        return courses.listPublished(category, PageRequest.parse(limit, cursor)).map(course -> CourseView.of(course, media));
    }

    /**
     * {@code q} (or the seed's {@code query}): ranked search over title words, tags and category; every word must match
     * (a word, or the start of one), best first.
     */
    @GET
    @Path("search")
    @PermitAll
    public Page<SearchResultView> search(@Parameter(description = "The words to find") @QueryParam("q") String q,
            @Parameter(deprecated = true, description = "The seed's name for q; q wins when both are sent") @QueryParam("query") String query,
            @QueryParam("limit") String limit, @Parameter(description = CursorDocs.MOVING_ORDER) @QueryParam("cursor") String cursor) {
        return search.search(q != null ? q : query, PageRequest.parse(limit, cursor)).map(card -> SearchResultView.of(card, media));
    }

    @GET
    @Path("{courseId}")
    @PermitAll
    @APIResponseSchema(value = CourseView.class, responseCode = "200", responseDescription = "The course; ETag is its version")
    public Response get(@PathParam("courseId") String id) {
        return withVersion(Response.ok(), courses.visible(id, caller.optional().orElse(null)));
    }

    @POST
    @RolesAllowed({ Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = CourseView.class, responseCode = "201", responseDescription = "Created as a draft")
    public Response create(@Valid @NotNull CourseRequest body) {
        Course course = courses.create(edit(body), caller.required());
        return withVersion(Created.at("/courses/" + course.courseId()), course);
    }

    /**
     * Replaces the course's editable fields (CourseRequest says what an omitted one becomes). Owners and admins; the role
     * is checked after the course's visibility (a course the caller may not see is a 404 whatever their role).
     */
    @PUT
    @Path("{courseId}")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = CourseView.class, responseCode = "200", responseDescription = "Edited; ETag is the new version")
    public Response update(@PathParam("courseId") String id, @HeaderParam("If-Match") List<String> ifMatch, @Valid @NotNull CourseRequest body) {
        Course course = courses.update(id, edit(body), ExpectedVersion.of(ifMatch, body.version()), caller.required());
        return withVersion(Response.ok(), course);
    }

    @POST
    @Path("{courseId}/publish")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = CourseView.class, responseCode = "200", responseDescription = "Published; ETag is the new version")
    public Response publish(@PathParam("courseId") String id, @HeaderParam("If-Match") List<String> ifMatch, @RequestBody(required = false) @Valid VersionRequest body) {
        return withVersion(Response.ok(), courses.publish(id, ExpectedVersion.of(ifMatch, VersionRequest.of(body)), caller.required()));
    }

    @POST
    @Path("{courseId}/unpublish")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponseSchema(value = CourseView.class, responseCode = "200", responseDescription = "Unpublished; ETag is the new version")
    public Response unpublish(@PathParam("courseId") String id, @HeaderParam("If-Match") List<String> ifMatch, @RequestBody(required = false) @Valid VersionRequest body) {
        return withVersion(Response.ok(), courses.unpublish(id, ExpectedVersion.of(ifMatch, VersionRequest.of(body)), caller.required()));
    }

    @DELETE
    @Path("{courseId}")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = { Role.INSTRUCTOR_GROUP, Role.ADMIN_GROUP })
    @APIResponse(responseCode = "204", description = "Deleted with everything under it")
    public Response delete(@PathParam("courseId") String id, @HeaderParam("If-Match") List<String> ifMatch, @RequestBody(required = false) @Valid VersionRequest body) {
        courses.delete(id, ExpectedVersion.of(ifMatch, VersionRequest.of(body)), caller.required());
        return Response.noContent().build();
    }

    private static CourseEdit edit(CourseRequest body) {
        return new CourseEdit(body.title(), body.description(), body.category(), body.tags(), body.level(), body.coverImageKey());
    }

    /** The version doubles as the ETag, so a client can send it back as If-Match. */
    private Response withVersion(Response.ResponseBuilder response, Course course) {
        return response.entity(CourseView.of(course, media)).tag(Long.toString(course.version())).build();
    }
}
