package dev.skillforge.courses.api;

import org.junit.jupiter.api.Test;

import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.web.testing.RouteCheck;

class RouteTableTest {

    @Test
    void resourcesServeExactlyTheRoutesTheTableGivesThisFunction() {
        RouteCheck.assertServes(RouteTable.COURSES, CourseResource.class, LessonResource.class, SeedLessonResource.class,
                AssetResource.class);
    }
}
