package dev.skillforge.web.routes;

import java.util.List;

/**
 * Every HTTP route of SkillForge, in one place: the CDK app wires API Gateway from it, the local run routes
 * by it, and each service's tests check that its JAX-RS resources serve exactly its rows.
 */
public final class RouteTable {

    public static final String COURSES = "courses-service";
    public static final String ENROLLMENTS = "enrollments-service";
    public static final String PROGRESS = "progress-service";
    public static final String REVIEWS = "reviews-service";

    public static final List<Route> ALL = List.of(
            new Route("GET", "/courses", COURSES, Route.Access.PUBLIC, Route.Caching.LIST),
            new Route("GET", "/courses/search", COURSES, Route.Access.PUBLIC, Route.Caching.LIST),
            new Route("GET", "/courses/{id}", COURSES, Route.Access.PUBLIC, Route.Caching.DETAIL),
            new Route("POST", "/courses", COURSES, Route.Access.TOKEN),
            new Route("PUT", "/courses/{id}", COURSES, Route.Access.TOKEN),
            new Route("DELETE", "/courses/{id}", COURSES, Route.Access.TOKEN),
            new Route("POST", "/courses/{id}/publish", COURSES, Route.Access.TOKEN),
            new Route("POST", "/courses/{id}/unpublish", COURSES, Route.Access.TOKEN),
            new Route("GET", "/courses/{id}/lessons", COURSES, Route.Access.PUBLIC, Route.Caching.DETAIL),
            new Route("POST", "/courses/{id}/lessons", COURSES, Route.Access.TOKEN),
            new Route("PUT", "/courses/{id}/lessons/order", COURSES, Route.Access.TOKEN),
            new Route("GET", "/courses/{id}/lessons/{lessonId}", COURSES, Route.Access.PUBLIC, Route.Caching.DETAIL),
            new Route("PUT", "/courses/{id}/lessons/{lessonId}", COURSES, Route.Access.TOKEN),
            new Route("DELETE", "/courses/{id}/lessons/{lessonId}", COURSES, Route.Access.TOKEN),
            new Route("PUT", "/lessons/{id}", COURSES, Route.Access.TOKEN),
            new Route("POST", "/courses/{id}/assets", COURSES, Route.Access.TOKEN),

            new Route("POST", "/enroll/{courseId}", ENROLLMENTS, Route.Access.TOKEN),
            new Route("DELETE", "/enroll/{courseId}", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/me/enrollments", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/courses/{id}/enrollments", ENROLLMENTS, Route.Access.TOKEN),
            new Route("DELETE", "/courses/{id}/enrollments/{userId}", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/me", ENROLLMENTS, Route.Access.TOKEN),
            new Route("PUT", "/me", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/admin/users", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/admin/audit", ENROLLMENTS, Route.Access.TOKEN),

            new Route("PUT", "/progress/{courseId}/{lessonId}", PROGRESS, Route.Access.TOKEN),
            new Route("POST", "/progress/{courseId}/{lessonId}/quiz", PROGRESS, Route.Access.TOKEN),
            new Route("GET", "/me/progress/{courseId}", PROGRESS, Route.Access.TOKEN),

            new Route("POST", "/reviews/{courseId}", REVIEWS, Route.Access.TOKEN),
            new Route("PUT", "/reviews/{courseId}", REVIEWS, Route.Access.TOKEN),
            new Route("DELETE", "/reviews/{courseId}", REVIEWS, Route.Access.TOKEN),
            new Route("DELETE", "/reviews/{courseId}/{userId}", REVIEWS, Route.Access.TOKEN),
            new Route("GET", "/courses/{id}/reviews", REVIEWS, Route.Access.PUBLIC, Route.Caching.LIST),
            new Route("GET", "/courses/{id}/rating", REVIEWS, Route.Access.PUBLIC, Route.Caching.LIST),
            new Route("GET", "/courses/top-rated", REVIEWS, Route.Access.PUBLIC, Route.Caching.LIST));

    private RouteTable() {
    }

    /** The row for a method and a path template; parameter names may differ ({id} and {courseId} are one route). */
    public static java.util.Optional<Route> find(String method, String pathTemplate) {
        String wanted = normalize(pathTemplate);
        return ALL.stream().filter(route -> route.method().equals(method) && normalize(route.path()).equals(wanted)).findFirst();
    }

    private static String normalize(String path) {
        return ("/" + path).replaceAll("\\{[^}]+}", "{}").replaceAll("/+", "/");
    }

    public static List<Route> of(String function) {
        return ALL.stream().filter(route -> route.function().equals(function)).toList();
    }
}
