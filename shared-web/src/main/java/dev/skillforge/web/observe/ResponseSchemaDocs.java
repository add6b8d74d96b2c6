package dev.skillforge.web.observe;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.Type;

/**
 * States in the document exactly how each answer's fields are sent, which the scanner alone leaves open (it marks no
 * field required and none nullable, so a generated client gets every field optional and never null, and breaks on
 * the first {@code "nextCursor": null}). The rule follows Jackson's serialization of our views:
 * <ul>
 * <li>a field that is never null (a primitive, or a reference without {@code @jakarta.annotation.Nullable}) is always
 * sent: required, and its type has no null;</li>
 * <li>a {@code @Nullable} field of a view that includes nulls (the default) is always sent, sometimes as null: required,
 * with null among its types;</li>
 * <li>a {@code @Nullable} field of a view with {@code @JsonInclude(NON_NULL)} (or NON_ABSENT) is left out when null:
 * optional, never null; with NON_EMPTY, empty collections are left out too (a text that is not {@code @Nullable} is
 * never empty).</li>
 * </ul>
 * Applied to every schema an answer reaches. A response schema without its class fails the build, so a new
 * view cannot go undocumented.
 */
final class ResponseSchemaDocs {

    private static final DotName NULLABLE = DotName.createSimple("jakarta.annotation.Nullable");
    private static final DotName JSON_INCLUDE = DotName.createSimple("com.fasterxml.jackson.annotation.JsonInclude");
    private static final DotName JSON_PROPERTY = DotName.createSimple("com.fasterxml.jackson.annotation.JsonProperty");
    private static final String OUR_PACKAGES = "dev/skillforge/";
    private static final Set<String> KNOWN_INCLUSIONS = Set.of("ALWAYS", "USE_DEFAULTS", "NON_NULL", "NON_ABSENT", "NON_EMPTY");
    private static final String COMPONENTS = "#/components/schemas/";

    private ResponseSchemaDocs() {
    }

    /**
     * Our classes, read once per JVM on first use: Quarkus runs the filter at build and again at start, and a test JVM
     * starts many applications over the same classes (the OpenAPI scanner is a test dependency only).
     */
    private static final class OurClasses {
        static final List<ClassInfo> ALL = List.copyOf(ourClasses());
    }

    /** States the fields of every schema an answer reaches, but those written by hand ({@code handWritten}). */
    static void document(OpenAPI openAPI, Set<String> handWritten) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null || openAPI.getPaths() == null) {
            return;
        }
        List<ClassInfo> views = OurClasses.ALL;
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        for (String name : reachedFromAnswers(openAPI, components)) {
            Schema schema = components.get(name);
            if (schema == null || schema.getProperties() == null || schema.getProperties().isEmpty() || handWritten.contains(name)) {
                continue;
            }
            ClassInfo view = viewClass(views, name, schema.getProperties().keySet());
            String inclusion = inclusion(view.declaredAnnotation(JSON_INCLUDE));
            List<String> required = new ArrayList<>();
            Map<String, Schema> properties = new LinkedHashMap<>();
            schema.getProperties().forEach((property, propertySchema) -> {
                FieldInfo field = field(view, property);
                if (field == null) {
                    throw new IllegalStateException("The response schema " + name + " has a property " + property
                            + " that " + view.name() + " does not declare");
                }
                boolean nullable = field.type().kind() != Type.Kind.PRIMITIVE && nullable(view, field);
                String fieldInclusion = inclusion(field.annotation(JSON_INCLUDE));
                String sent = fieldInclusion != null ? fieldInclusion : inclusion;
                if (sent != null && !KNOWN_INCLUSIONS.contains(sent)) {
                    // NON_DEFAULT or CUSTOM would leave out a 0 or false the document calls required
                    throw new IllegalStateException(view.name() + "." + property + " is sent with @JsonInclude(" + sent
                            + "), which this rule does not describe");
                }
                boolean leftOutWhenEmpty = "NON_EMPTY".equals(sent) && isCollection(field.type());
                boolean leftOutWhenNull = sent != null && !sent.equals("ALWAYS") && !sent.equals("USE_DEFAULTS");
                if (!nullable && !leftOutWhenEmpty) {
                    required.add(property);
                    properties.put(property, withoutNull(propertySchema));
                } else if (leftOutWhenNull) {
                    properties.put(property, withoutNull(propertySchema));
                } else {
                    required.add(property);
                    properties.put(property, orNull(propertySchema));
                }
            });
            schema.setProperties(properties);
            schema.setRequired(required.isEmpty() ? null : required);
        }
    }

    /** Component names an answer's schema reaches, through properties, items, maps and compositions. */
    private static Set<String> reachedFromAnswers(OpenAPI openAPI, Map<String, Schema> components) {
        Deque<Schema> pending = new ArrayDeque<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getResponses() != null) {
                operation.getResponses().getAPIResponses().values().forEach(answer -> {
                    if (answer.getContent() != null) {
                        answer.getContent().getMediaTypes().values().forEach(media -> {
                            if (media.getSchema() != null) {
                                pending.add(media.getSchema());
                            }
                        });
                    }
                });
            }
        }));
        Set<String> reached = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(COMPONENTS)) {
                String name = schema.getRef().substring(COMPONENTS.length());
                if (reached.add(name) && components.get(name) != null) {
                    pending.add(components.get(name));
                }
            }
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                pending.add(schema.getAdditionalPropertiesSchema());
            }
            for (List<Schema> composed : List.of(nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()), nonNull(schema.getAllOf()))) {
                pending.addAll(composed);
            }
        }
        return reached;
    }

    /**
     * The class a schema was made from: its simple name, or for a generic view (Page&lt;T&gt; is named PageCourseView)
     * the generic class whose name begins the schema's; of two with one simple name, the one with the schema's properties.
     */
    private static ClassInfo viewClass(List<ClassInfo> views, String name, Set<String> properties) {
        List<ClassInfo> exact = new ArrayList<>();
        List<ClassInfo> generic = new ArrayList<>();
        for (ClassInfo candidate : views) {
            String simple = candidate.simpleName();
            if (!candidate.name().toString().startsWith("dev.skillforge.") || simple == null) {
                continue;
            }
            if (simple.equals(name)) {
                exact.add(candidate);
            } else if (!candidate.typeParameters().isEmpty() && name.startsWith(simple)) {
                generic.add(candidate);
            }
        }
        List<ClassInfo> found = new ArrayList<>(exact.isEmpty() ? generic : exact);
        if (found.size() > 1) {
            // Two views of one simple name (a nested CourseCard beside another): the one declaring the schema's properties.
            found.removeIf(candidate -> properties.stream().anyMatch(property -> field(candidate, property) == null));
        }
        if (found.size() != 1) {
            throw new IllegalStateException("The response schema " + name + " needs exactly one view class, found "
                    + found.stream().map(ClassInfo::name).toList());
        }
        return found.get(0);
    }

    /**
     * Our classes, read from the class loader: the index SmallRye hands an mp.openapi.filter in Quarkus is empty, and the
     * class loader sees the function's classes and those of the shared modules (directories or jars).
     */
    private static List<ClassInfo> ourClasses() {
        Indexer indexer = new Indexer();
        try {
            Enumeration<URL> roots = Thread.currentThread().getContextClassLoader().getResources(OUR_PACKAGES);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                            try (InputStream in = Files.newInputStream(file)) {
                                indexer.indexWithSummary(in);
                            }
                        }
                    }
                } else if (root.openConnection() instanceof JarURLConnection connection) {
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            if (entry.getName().startsWith(OUR_PACKAGES) && entry.getName().endsWith(".class")) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    indexer.indexWithSummary(in);
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the application's classes", e);
        }
        return new ArrayList<>(indexer.complete().getKnownClasses());
    }

    /** The field behind a JSON property: a record component or field of that name, or one renamed to it. */
    private static FieldInfo field(ClassInfo view, String property) {
        for (FieldInfo field : view.fields()) {
            AnnotationInstance renamed = field.annotation(JSON_PROPERTY);
            String name = renamed != null && renamed.value() != null && !renamed.value().asString().isEmpty()
                    ? renamed.value().asString() : field.name();
            if (name.equals(property)) {
                return field;
            }
        }
        return null;
    }

    private static boolean nullable(ClassInfo view, FieldInfo field) {
        if (field.hasAnnotation(NULLABLE)) {
            return true;
        }
        var component = view.recordComponent(field.name());
        return component != null && component.hasAnnotation(NULLABLE);
    }

    private static String inclusion(AnnotationInstance include) {
        if (include == null) {
            return null;
        }
        AnnotationValue value = include.value();
        return value == null ? "ALWAYS" : value.asEnum();
    }

    private static boolean isCollection(Type type) {
        String name = type.name().toString();
        return type.kind() == Type.Kind.ARRAY || name.startsWith("java.util.Optional") || name.startsWith("java.util.List")
                || name.startsWith("java.util.Set") || name.startsWith("java.util.Map") || name.startsWith("java.util.Collection");
    }

    /** The property's schema as sent when it may be null: its type with null beside it (anyOf for a reference). */
    private static Schema orNull(Schema schema) {
        Schema plain = withoutNull(schema);
        if (plain.getRef() != null) {
            Schema reference = OASFactory.createSchema().ref(plain.getRef());
            return OASFactory.createSchema().description(plain.getDescription())
                    .addAnyOf(reference).addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        }
        if (plain.getType() != null && !plain.getType().isEmpty()) {
            plain.addType(Schema.SchemaType.NULL);
        }
        return plain;
    }

    /** The property's schema when it is never null (the scanner adds null for a field marked nullable). */
    private static Schema withoutNull(Schema schema) {
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL)) {
            schema.removeType(Schema.SchemaType.NULL);
        }
        if (schema.getAnyOf() != null) {
            List<Schema> rest = new ArrayList<>(schema.getAnyOf());
            rest.removeIf(option -> option.getType() != null && option.getType().equals(List.of(Schema.SchemaType.NULL)));
            if (rest.size() == 1 && rest.get(0).getRef() != null) {
                return OASFactory.createSchema().ref(rest.get(0).getRef()).description(schema.getDescription());
            }
        }
        return schema;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
