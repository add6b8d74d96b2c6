package dev.skillforge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.skillforge.web.routes.RouteTable;

/**
 * API Gateway only serves what the route table lists, so a JAX-RS route missing from it would be unreachable on AWS
 * (and a listed route without a resource would be a 404 from the function). This reads every compiled resource of
 * each HTTP function, whatever its class, and compares both sets.
 */
class RouteTableCompletenessTest {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final List<DotName> VERBS = Stream.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
            .map(verb -> DotName.createSimple("jakarta.ws.rs." + verb)).toList();

    static List<String> httpFunctions() {
        return RouteTable.ALL.stream().map(route -> route.function()).distinct().toList();
    }

    @ParameterizedTest
    @MethodSource("httpFunctions")
    void everyJaxRsRouteIsInTheRouteTable(String function) throws IOException {
        Path classes = Path.of(System.getProperty("skillforge-test.root", "..")).resolve(function).resolve("target/classes");
        assertTrue(Files.isDirectory(classes), "compile " + function + " first: " + classes);
        Index index = index(classes);

        Set<String> served = new TreeSet<>();
        for (AnnotationInstance annotation : index.getAnnotations(PATH)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo resource = annotation.target().asClass();
            String base = annotation.value().asString();
            for (MethodInfo method : resource.methods()) {
                for (DotName verb : VERBS) {
                    if (method.hasDeclaredAnnotation(verb)) {
                        AnnotationInstance sub = method.declaredAnnotation(PATH);
                        served.add(verb.withoutPackagePrefix() + " " + normalize(sub == null ? base : base + "/" + sub.value().asString()));
                    }
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        RouteTable.of(function).forEach(route -> listed.add(route.method() + " " + normalize(route.path())));
        assertEquals(listed, served, function + ": JAX-RS routes and RouteTable differ");
    }

    private static Index index(Path classes) throws IOException {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        }
        return indexer.complete();
    }

    /** Parameter names may differ between API Gateway and JAX-RS; their positions may not. */
    private static String normalize(String path) {
        return ("/" + path).replaceAll("\\{[^}]+}", "{}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }
}
