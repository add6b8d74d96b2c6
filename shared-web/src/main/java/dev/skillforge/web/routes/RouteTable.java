package dev.skillforge.web.routes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every HTTP route of SkillForge, in one place: the CDK app wires API Gateway from it, the local run routes
 * by it, each service's tests check that its JAX-RS resources serve exactly its rows, and every function answers
 * what no route matches from it (404, or 405 with the methods the whole table serves on the path).
 */
public final class RouteTable {

    public static final String COURSES = "courses-service";
    public static final String ENROLLMENTS = "enrollments-service";
    public static final String PROGRESS = "progress-service";
    public static final String REVIEWS = "reviews-service";

    public static final List<Route> ALL = List.of(
            new Route("GET", "/courses", COURSES, Route.Access.PUBLIC, Route.Caching.LIST),
            new Route("GET", "/courses/search", COURSES, Route.Access.PUBLIC, Route.Caching.LIST),
            new Route("GET", "/courses/{courseId}", COURSES, Route.Access.PUBLIC, Route.Caching.DETAIL),
            new Route("POST", "/courses", COURSES, Route.Access.TOKEN),
            new Route("PUT", "/courses/{courseId}", COURSES, Route.Access.TOKEN),
            new Route("DELETE", "/courses/{courseId}", COURSES, Route.Access.TOKEN),
            new Route("POST", "/courses/{courseId}/publish", COURSES, Route.Access.TOKEN),
            new Route("POST", "/courses/{courseId}/unpublish", COURSES, Route.Access.TOKEN),
            new Route("GET", "/courses/{courseId}/lessons", COURSES, Route.Access.PUBLIC, Route.Caching.DETAIL),
            new Route("POST", "/courses/{courseId}/lessons", COURSES, Route.Access.TOKEN),
            new Route("PUT", "/courses/{courseId}/lessons/order", COURSES, Route.Access.TOKEN),
            new Route("GET", "/courses/{courseId}/lessons/{lessonId}", COURSES, Route.Access.PUBLIC, Route.Caching.DETAIL),
            new Route("PUT", "/courses/{courseId}/lessons/{lessonId}", COURSES, Route.Access.TOKEN),
            new Route("DELETE", "/courses/{courseId}/lessons/{lessonId}", COURSES, Route.Access.TOKEN),
            new Route("PUT", "/lessons/{lessonId}", COURSES, Route.Access.TOKEN),
            new Route("POST", "/courses/{courseId}/assets", COURSES, Route.Access.TOKEN),

            new Route("POST", "/enroll/{courseId}", ENROLLMENTS, Route.Access.TOKEN),
            new Route("DELETE", "/enroll/{courseId}", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/me/enrollments", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/me/enrollments/{courseId}", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/courses/{courseId}/enrollments", ENROLLMENTS, Route.Access.TOKEN),
            new Route("DELETE", "/courses/{courseId}/enrollments/{userId}", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/me", ENROLLMENTS, Route.Access.TOKEN),
            new Route("PUT", "/me", ENROLLMENTS, Route.Access.TOKEN),
            new Route("DELETE", "/me", ENROLLMENTS, Route.Access.TOKEN),
            new Route("POST", "/me/avatar", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/admin/users", ENROLLMENTS, Route.Access.TOKEN),
            new Route("PUT", "/admin/users/{userId}/role", ENROLLMENTS, Route.Access.TOKEN),
            new Route("POST", "/admin/users/{userId}/disable", ENROLLMENTS, Route.Access.TOKEN),
            new Route("POST", "/admin/users/{userId}/enable", ENROLLMENTS, Route.Access.TOKEN),
            new Route("DELETE", "/admin/users/{userId}", ENROLLMENTS, Route.Access.TOKEN),
            new Route("GET", "/admin/audit", ENROLLMENTS, Route.Access.TOKEN),

            new Route("PUT", "/progress/{courseId}/{lessonId}", PROGRESS, Route.Access.TOKEN),
            new Route("POST", "/progress/{courseId}/{lessonId}/quiz", PROGRESS, Route.Access.TOKEN),
            new Route("GET", "/me/progress/{courseId}", PROGRESS, Route.Access.TOKEN),

            new Route("POST", "/reviews/{courseId}", REVIEWS, Route.Access.TOKEN),
            new Route("PUT", "/reviews/{courseId}", REVIEWS, Route.Access.TOKEN),
            new Route("DELETE", "/reviews/{courseId}", REVIEWS, Route.Access.TOKEN),
            new Route("GET", "/reviews/{courseId}/{userId}", REVIEWS, Route.Access.PUBLIC, Route.Caching.DETAIL),
            new Route("DELETE", "/reviews/{courseId}/{userId}", REVIEWS, Route.Access.TOKEN),
            new Route("GET", "/courses/{courseId}/reviews", REVIEWS, Route.Access.PUBLIC, Route.Caching.LIST),
            new Route("GET", "/courses/{courseId}/rating", REVIEWS, Route.Access.PUBLIC, Route.Caching.LIST),
            new Route("GET", "/courses/top-rated", REVIEWS, Route.Access.PUBLIC, Route.Caching.LIST));

    /**
     * Every route key API Gateway has: the rows above and, after each GET, its HEAD twin (route keys are per method on
     * an HTTP API, and HEAD must work wherever GET does, with the same authorizer).
     */
    public static final List<Route> SERVED = withHead(ALL);

    /**
     * The function API Gateway's {@code $default} route invokes for every request no route key matches (an unknown path,
     * or a method the path does not serve). Any function answers those from this table; the catalog's is the warmest.
     */
    public static final String UNMATCHED = COURSES;

    private static final List<Route> BY_SPECIFICITY = SERVED.stream()
            .sorted(Comparator.comparing(Route::specificity).reversed()).toList();

    private RouteTable() {
    }

    private static List<Route> withHead(List<Route> rows) {
        List<Route> served = new ArrayList<>();
        for (Route row : rows) {
            served.add(row);
            if (row.method().equals("GET")) {
                served.add(row.head());
            }
        }
        return List.copyOf(served);
    }

    /** A request matched to a route key, with its decoded path parameters. */
    public record Match(Route route, Map<String, String> pathParameters) {
    }

    /**
     * The route API Gateway selects for a request: among the route keys of this method whose template matches the raw
     * path, the most specific; empty when only {@code $default} would take it.
     */
    public static Optional<Match> match(String method, String rawPath) {
        for (Route route : BY_SPECIFICITY) {
            if (route.method().equals(method)) {
                Map<String, String> parameters = route.parameters(rawPath);
                if (parameters != null) {
                    return Optional.of(new Match(route, parameters));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The methods some route key serves on a raw path, in table order (HEAD right after GET): what an {@code Allow}
     * header lists. Empty for a path no route matches.
     */
    public static List<String> allowedMethods(String rawPath) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route route : SERVED) {
            if (route.parameters(rawPath) != null) {
                methods.add(route.method());
            }
        }
        return List.copyOf(methods);
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
