package dev.skillforge.web.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** How a raw request path meets a route's template: segments percent-decoded as a path's, never as a form's. */
class RoutePathTest {

    private static final Route COURSE = new Route("GET", "/courses/{courseId}", "courses-service", Route.Access.PUBLIC);

    @Test
    void aParameterIsPercentDecodedAndAPlusStaysAPlus() {
        assertEquals(Map.of("courseId", "a b+c/d"), COURSE.parameters("/courses/a%20b+c%2Fd"));
    }

    @Test
    void aMalformedEscapeMatchesNoRouteInsteadOfFailing() {
        assertNull(COURSE.parameters("/courses/%zz"));
        assertNull(COURSE.parameters("/courses/abc%"));
        assertNull(COURSE.parameters("/courses/%4"));
    }

    @Test
    void anEmptySegmentIsNoParameter() {
        assertNull(COURSE.parameters("/courses/"));
    }
}
