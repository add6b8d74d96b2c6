package dev.skillforge.web.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import dev.skillforge.web.routes.Route;
import io.quarkus.security.Authenticated;
import dev.skillforge.web.routes.RouteTable;

/** Checks that a function's JAX-RS resources serve exactly the routes the shared route table gives it. */
public final class RouteCheck {

    private RouteCheck() {
    }

    public static void assertServes(String function, Class<?>... resources) {
        Map<String, Route.Access> fromTable = new TreeMap<>();
        RouteTable.of(function).forEach(r -> fromTable.put(r.method() + " " + normalize(r.path()), r.access()));

        Map<String, Route.Access> fromCode = new TreeMap<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = sub == null ? base : base + "/" + sub.value();
                Route.Access access = method.isAnnotationPresent(PermitAll.class) ? Route.Access.PUBLIC
                        : method.isAnnotationPresent(RolesAllowed.class) || resource.isAnnotationPresent(RolesAllowed.class)
                                || method.isAnnotationPresent(Authenticated.class) || resource.isAnnotationPresent(Authenticated.class)
                                ? Route.Access.TOKEN
                                : null;
                fromCode.put(verb + " " + normalize(path), access);
            }
        }
        assertEquals(fromTable, fromCode, "RouteTable and the JAX-RS resources of " + function + " differ");
    }

    private static String verb(Method method) {
        for (Class<? extends Annotation> verb : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
            if (method.isAnnotationPresent(verb)) {
                return verb.getSimpleName();
            }
        }
        return null;
    }

    /** Parameter names may differ between the gateway and JAX-RS; their positions may not. */
    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]+}", "{}").replaceAll("/+", "/");
    }
}
