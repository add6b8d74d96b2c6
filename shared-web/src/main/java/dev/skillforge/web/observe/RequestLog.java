package dev.skillforge.web.observe;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import dev.skillforge.data.observe.Emf;
import dev.skillforge.data.observe.InvocationMetrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Gives every request a correlation id (the caller's {@code x-correlation-id} when it is a sane token, else API
 * Gateway's request id, else a new one), puts it in the logging MDC with the route and the AWS request id, returns
 * it in the response, and logs one line per request: route, status, duration, and the caller's user id when the
 * request resolved one ({@link dev.skillforge.web.auth.CallerContext} adds it). Nothing else about the caller (no
 * token, no email) is logged.
 */
public class RequestLog {

    @Inject
    MeterRegistry registry;

    @Inject
    InvocationMetrics invocation;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.application.name")
    String function;

    public static final String HEADER = "x-correlation-id";
    public static final String CORRELATION_ID = "correlationId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final String STARTED = "skillforge.started";

    @ServerRequestFilter(preMatching = false)
    public void begin(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        request.setProperty(STARTED, System.nanoTime());
        enter(request, resource, http);
    }

    /** Also runs for requests refused before any request filter (a role check), so they get an id too. */
    @ServerResponseFilter
    public void end(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource, HttpServerRequest http) {
        String correlationId = (String) request.getProperty(CORRELATION_ID);
        if (correlationId == null) {
            correlationId = enter(request, resource, http);
        }
        response.getHeaders().putSingle(HEADER, correlationId);
        Object started = request.getProperty(STARTED);
        double millis = started == null ? 0 : (System.nanoTime() - (Long) started) / 1_000_000.0;
        MDC.put("status", Integer.toString(response.getStatus()));
        MDC.put("durationMs", String.format("%.1f", millis));
        Log.infof("%s -> %d in %.1f ms", MDC.get("route"), response.getStatus(), millis);
        recordMetrics(String.valueOf(MDC.get("route")), response.getStatus(), millis);
        MDC.clear();
    }

    /** The request meter (Prometheus) and this invocation's EMF line, with what the invocation recorded on the way. */
    private void recordMetrics(String route, int status, double millis) {
        Timer.builder("skillforge.http.requests").tag("function", function).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
        invocation.add("RequestCount", "Count", 1);
        invocation.add("RequestLatency", "Milliseconds", millis);
        if (status >= 500) {
            invocation.add("ServerErrors", "Count", 1);
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("service", function);
        dimensions.put("route", route);
        dimensions.put("status", Integer.toString(status));
        Emf.write(Emf.line(clock, dimensions, invocation.values()));
    }

    private String enter(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        APIGatewayV2HTTPEvent event = lambdaObject(http, APIGatewayV2HTTPEvent.class);
        com.amazonaws.services.lambda.runtime.Context lambda = lambdaObject(http, com.amazonaws.services.lambda.runtime.Context.class);
        String gatewayId = event != null && event.getRequestContext() != null ? event.getRequestContext().getRequestId() : null;
        String fromCaller = request.getHeaderString(HEADER);
        String correlationId = fromCaller != null && SANE.matcher(fromCaller).matches() ? fromCaller
                : gatewayId != null ? gatewayId : UUID.randomUUID().toString();
        request.setProperty(CORRELATION_ID, correlationId);
        MDC.put(CORRELATION_ID, correlationId);
        MDC.put("route", dev.skillforge.web.routes.RouteGuard.method(request) + " " + route(resource));
        if (gatewayId != null) {
            MDC.put("apiGatewayRequestId", gatewayId);
        }
        if (lambda != null && lambda.getAwsRequestId() != null) {
            MDC.put("awsRequestId", lambda.getAwsRequestId());
        }
        return correlationId;
    }

    /** The Lambda event and context the HTTP extension attaches to the request it builds from them. */
    private static <T> T lambdaObject(HttpServerRequest http, Class<T> type) {
        if (http != null && http.headers() instanceof QuarkusHttpHeaders headers) {
            return type.cast(headers.getContextObjects().get(type));
        }
        return null;
    }

    /** The route template (/courses/{courseId}), never the raw path with ids in it; "unmatched" when no resource matched. */
    public static String route(ResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return "unmatched";
        }
        Path base = resource.getResourceClass().getAnnotation(Path.class);
        Path sub = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(Path.class);
        String path = (base == null ? "" : base.value()) + (sub == null ? "" : "/" + sub.value());
        return path.replaceAll("/+", "/");
    }
}
