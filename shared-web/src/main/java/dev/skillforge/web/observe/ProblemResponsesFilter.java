package dev.skillforge.web.observe;

import java.util.List;
import java.util.Map;
import java.util.Objects;


import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.web.idempotency.IdempotentPosts;
import dev.skillforge.web.problem.Problem;
import dev.skillforge.web.preconditions.PreconditionDocs;
import dev.skillforge.web.limits.RequestBodyLimit;

/**
 * Documents the error model on every operation: each 4xx/5xx answer is an RFC 9457 problem document, every
 * operation may answer 400 (validation) and 503 (throttled database, with Retry-After), and every operation that takes a
 * body 413 (too large) and 415 (not JSON in UTF-8). Every POST documents the
 * Idempotency-Key header and its answers (409 while the first request runs, 422 for a key reused on another request).
 * Every operation that takes If-Match documents the version rules (PreconditionDocs: 428, 412, 409), and every one that
 * names an object by path its 404.
 * Every GET documents its conditional answers (ETag, 304, 412), and every operation API Gateway's own {"message"}
 * answers. The standard HTTP contract (HEAD, 405 with Allow, Location) is documented by {@link HttpContractDocs}, and
 * how each answer's fields are sent (required, null) by {@link ResponseSchemaDocs}.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String GATEWAY_MESSAGE = "GatewayMessage";

    /** The problem types each status carries, as docs/problems.md lists them (OpenApiConformanceTest keeps the two equal). */
    static final Map<String, List<String>> PROBLEM_TYPES = Map.ofEntries(
            Map.entry("400", List.of("validation", "invalid-cursor")),
            Map.entry("401", List.of("unauthorized")),
            Map.entry("403", List.of("forbidden")),
            Map.entry("404", List.of("not-found")),
            Map.entry("405", List.of("method-not-allowed")),
            Map.entry("406", List.of("not-acceptable")),
            Map.entry("409", List.of("already-exists", "idempotency-in-progress", "invalid-state", "admin-change-in-progress",
                    "stale-version")),
            Map.entry("412", List.of("stale-version")),
            Map.entry("413", List.of("too-large")),
            Map.entry("415", List.of("unsupported-media-type")),
            Map.entry("422", List.of("idempotency-key-reused")),
            Map.entry("428", List.of("precondition-required")),
            Map.entry("500", List.of("internal")),
            Map.entry("503", List.of("unavailable")));


    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            return operation;
        }
        pageSize(operation);
        problem(operation, "400", "Invalid input; `errors` names each field");
        problem(operation, "503", "The database is busy; retry after the Retry-After header's seconds");
        problem(operation, "500", "Internal error; no details are exposed");
        if (guarded(operation)) {
            // a route that checks its role after the object's visibility declares its roles without @RolesAllowed
            problem(operation, "401", "Not Authorized");
            problem(operation, "403", "Not Allowed");
        } else {
            // a public route needs no token, but one that is sent is verified: a broken, expired or revoked one is refused
            problem(operation, "401", "A bearer token was sent and is not valid (this route needs none: send it without)");
        }
        PreconditionDocs.document(operation, ProblemResponsesFilter::problemContent);
        HttpContractDocs.methodNotAllowed(operation);
        // Every route reads a body it is sent, the operations without one too (a GET with a body is checked the same way).
        problem(operation, "406", "The request's Accept admits no application/json, the only media type answered");
        if (operation.getRequestBody() != null) {
            problem(operation, "413", "The body is over " + RequestBodyLimit.MAX_BYTES + " bytes (1 MiB), or what it would store "
                    + "does not fit one item; nothing is written");
        } else {
            problem(operation, "413", "A body was sent, over " + RequestBodyLimit.MAX_BYTES + " bytes (1 MiB); this operation takes none");
        }
        problem(operation, "415", operation.getRequestBody() != null
                ? "The body is not application/json in UTF-8 (no Content-Type, another media type, or another charset)"
                : "A body was sent that is not application/json in UTF-8; this operation takes none, send it without");
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(problemContent(status));
            }
        });
        HttpContractDocs.location(operation);
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        Schema problem = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details (see docs/problems.md)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("/problems/validation"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")));
        openAPI.getComponents().addSchema("Problem", problem);
        openAPI.getComponents().addSchema("FieldError", fieldError);
        openAPI.getComponents().addSchema(GATEWAY_MESSAGE, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("API Gateway's own answer, before or instead of a function's (no token, throttled, body over its "
                        + "limit, the function failed or timed out)")
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("Unauthorized"))
                .addRequired("message"));
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().values().stream().map(PathItem::getPOST).filter(Objects::nonNull)
                    .forEach(ProblemResponsesFilter::idempotent);
            openAPI.getPaths().getPathItems().values().stream().map(PathItem::getGET).filter(Objects::nonNull)
                    .forEach(get -> HttpContractDocs.conditionalRead(get, problemContent("412")));
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                    .forEach(ProblemResponsesFilter::gatewayAnswers));
        }
        HttpContractDocs.headAndAllow(openAPI);
        ResponseSchemaDocs.document(openAPI, java.util.Set.of(GATEWAY_MESSAGE));
    }

    /** Every POST takes an Idempotency-Key (IdempotentPosts serves it in every function): the header and its answers. */
    private static void idempotent(Operation post) {
        post.addParameter(OASFactory.createParameter().name(IdempotentPosts.HEADER).in(Parameter.In.HEADER).required(false)
                .description("Makes a retry safe: the same key with the same request within 24 hours answers the first "
                        + "answer again (status, body, Location, ETag) with `" + IdempotentPosts.REPLAYED + ": true` instead of "
                        + "running it twice. Scoped to the caller; a key may name one request only.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1).maxLength(255)
                        .pattern("^[\\x20-\\x7E]+$")));
        post.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeader(IdempotentPosts.REPLAYED, OASFactory.createHeader()
                        .description("`true` when this is the stored answer to an earlier request with the same Idempotency-Key")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        });
        String conflict = "409";
        APIResponse existing = post.getResponses().getAPIResponse(conflict);
        String inProgress = "A request with the same Idempotency-Key is still running; retry after Retry-After";
        post.getResponses().addAPIResponse(conflict, OASFactory.createAPIResponse()
                .description(existing == null ? inProgress : existing.getDescription() + "; or: " + inProgress)
                .content(problemContent(conflict)));
        post.getResponses().addAPIResponse("422", OASFactory.createAPIResponse()
                .description("The Idempotency-Key was used for a different request (method, path or body)")
                .content(problemContent("422")));
    }

    /** Whether the route needs a token: API Gateway's JWT authorizer guards it (RouteTable's TOKEN access). */
    private static boolean guarded(Operation operation) {
        return operation.getSecurity() != null && !operation.getSecurity().isEmpty();
    }

    /** Every list's {@code limit} is taken as text (to answer a field error for anything else), but it is a bounded integer. */
    private static void pageSize(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        operation.getParameters().stream()
                .filter(parameter -> parameter.getIn() == Parameter.In.QUERY && parameter.getName().equals("limit"))
                .forEach(limit -> limit.description("How many items a page holds at most").schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(PageRequest.MAX_LIMIT)).defaultValue(PageRequest.DEFAULT_LIMIT)));
    }

    /**
     * What API Gateway answers itself, as {"message": ...} in application/json: 401 where its JWT authorizer guards the
     * route, 413 for a body over its limit, 429 when the stage throttles, 500/502/503 when the function fails or times out.
     * The functions answer some of the same statuses as problem documents, so each lists both media types.
     */
    private static void gatewayAnswers(Operation operation) {
        problem(operation, "429", "Throttled by API Gateway (the stage's rate or burst limit); retry with backoff");
        problem(operation, "502", "The function failed to answer (API Gateway)");
        boolean authorizer = guarded(operation);
        for (String status : List.of("401", "413", "429", "500", "502", "503")) {
            APIResponse answer = operation.getResponses().getAPIResponse(status);
            if (answer == null || (status.equals("401") && !authorizer)) {
                continue;
            }
            if (answer.getContent() == null) {
                answer.setContent(OASFactory.createContent());
            }
            answer.getContent().addMediaType("application/json",
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/" + GATEWAY_MESSAGE)));
        }
    }

    private static void problem(Operation operation, String status, String description) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            APIResponse response = OASFactory.createAPIResponse().description(description);
            operation.getResponses().addAPIResponse(status, response);
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType("application/problem+json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    /** A problem document whose {@code type} is one of those its status carries. */
    private static Content problemContent(String status) {
        List<String> types = PROBLEM_TYPES.get(status);
        if (types == null) {
            return problemContent();
        }
        Schema type = OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .enumeration(types.stream().<Object>map(name -> Problem.TYPE_PREFIX + name).toList());
        Schema code = OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).constValue(Integer.parseInt(status));
        return OASFactory.createContent().addMediaType("application/problem+json", OASFactory.createMediaType().schema(
                OASFactory.createSchema().addAllOf(OASFactory.createSchema().ref(PROBLEM_REF))
                        .addAllOf(OASFactory.createSchema().addProperty("type", type).addProperty("status", code))));
    }
}
