package dev.skillforge.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.web.routes.Route;
import dev.skillforge.web.routes.RouteTable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The HTTP API: every route of {@link RouteTable} on its function, the Cognito JWT authorizer on every route that
 * needs a token, CORS for the web origin, throttling on the default stage (stricter on writes) and JSON access logs.
 */
final class HttpApiRoutes extends Construct {

    /** Requests per second and burst for the whole stage, and for each write route. */
    static final int RATE_LIMIT = 200;
    static final int BURST_LIMIT = 400;
    static final int WRITE_RATE_LIMIT = 25;
    static final int WRITE_BURST_LIMIT = 50;

    private static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"requestTime\":\"$context.requestTime\",\"method\":\"$context.httpMethod\",\"routeKey\":\"$context.routeKey\","
            + "\"status\":\"$context.status\",\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
            + "\"latency\":\"$context.responseLatency\",\"integrationLatency\":\"$context.integrationLatency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\",\"authorizerError\":\"$context.authorizer.error\"}";

    private final HttpApi api;

    HttpApiRoutes(Construct scope, String id, DeploySettings settings, Map<String, ServiceFunction> functions, String issuer,
            String audience) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "HttpApi")
                .apiName("skillforge-" + settings.stage().id())
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(List.of(settings.webOrigin()))
                        .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE))
                        .allowHeaders(List.of("authorization", "content-type", "idempotency-key", "if-match", "if-none-match",
                                "x-correlation-id"))
                        .exposeHeaders(List.of("etag", "idempotency-replayed", "location", "retry-after", "x-correlation-id"))
                        .maxAge(Duration.hours(1))
                        .build())
                .build();
        HttpJwtAuthorizer authorizer = HttpJwtAuthorizer.Builder.create("CognitoJwt", issuer)
                .jwtAudience(List.of(audience))
                .identitySource(List.of("$request.header.Authorization"))
                .build();

        Map<String, HttpLambdaIntegration> integrations = new LinkedHashMap<>();
        functions.forEach((name, function) -> integrations.put(name, new HttpLambdaIntegration(name + "-integration",
                function.target(), HttpLambdaIntegrationProps.builder().payloadFormatVersion(PayloadFormatVersion.VERSION_2_0).build())));

        List<HttpRoute> routes = new ArrayList<>();
        // RouteSettings is a free-form JSON map in the CloudFormation schema, so its keys are written as CloudFormation
        // spells them (a RouteSettingsProperty here would be serialized with camelCase keys and silently ignored).
        Map<String, Map<String, Integer>> writeLimits = new LinkedHashMap<>();
        for (Route route : RouteTable.ALL) {
            routes.addAll(api.addRoutes(AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(integrations.get(route.function()))
                    .authorizer(route.access() == Route.Access.TOKEN ? authorizer : new HttpNoneAuthorizer())
                    .build()));
            if (!route.method().equals("GET")) {
                writeLimits.put(route.routeKey(), Map.of("ThrottlingRateLimit", WRITE_RATE_LIMIT,
                        "ThrottlingBurstLimit", WRITE_BURST_LIMIT));
            }
        }

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .logGroupName("/aws/apigateway/skillforge-" + settings.stage().id())
                .retention(settings.stage().isProd() ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK)
                .removalPolicy(settings.stage().isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        CfnStage stage = (CfnStage) api.getDefaultStage().getNode().getDefaultChild();
        stage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit(RATE_LIMIT).throttlingBurstLimit(BURST_LIMIT).detailedMetricsEnabled(true).build());
        stage.setRouteSettings(writeLimits);
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn()).format(ACCESS_LOG_FORMAT).build());
        // Route settings name route keys, so the stage is created after the routes.
        routes.forEach(route -> stage.getNode().addDependency(route));
    }

    HttpApi api() {
        return api;
    }
}
