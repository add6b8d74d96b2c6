package dev.skillforge.web.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.skillforge.data.problem.ApiProblem;
import dev.skillforge.data.problem.FieldError;
import dev.skillforge.data.problem.ServiceUnavailable;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place failures become HTTP responses: RFC 9457 problem+json, field messages for bad input,
 * and never a stack trace, an SDK message or an internal name.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        Response.ResponseBuilder response = respond(problem.status(), problem.type(), problem.title(), problem.getMessage(),
                uri, problem.errors());
        problem.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException violation, UriInfo uri) {
        boolean onReturnValue = violation.getConstraintViolations().stream()
                .anyMatch(v -> hasKind(v.getPropertyPath(), ElementKind.RETURN_VALUE));
        if (onReturnValue) {
            Log.errorf("Response failed its own validation: %s", violation.getMessage());
            return internalError(uri);
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : violation.getConstraintViolations()) {
            errors.add(new FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return respond(400, "validation", "Invalid request", "One or more fields are invalid.", uri, errors).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException failure, UriInfo uri) {
        return badJson(failure, uri);
    }

    /** Named separately: Quarkus REST has its own mappers for these exact types, and the most specific wins. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException failure, UriInfo uri) {
        return badJson(failure, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException failure, UriInfo uri) {
        return badJson(failure, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException failure, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException failure, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException failure, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "Your role does not allow this action.", uri, null).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException failure, UriInfo uri) {
        if (failure.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        int status = failure.getResponse().getStatus();
        if (status >= 500) {
            Log.error("Request failed", failure);
            return internalError(uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource answers application/json only.";
            case 415 -> "Send the body as application/json.";
            default -> "The request could not be processed.";
        };
        Response.ResponseBuilder response = respond(status, slug(title), title, detail, uri, null);
        Object allow = failure.getResponse().getHeaders().getFirst("Allow");
        if (allow != null) {
            response.header("Allow", allow);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response database(SdkException failure, UriInfo uri) {
        if (isTransient(failure)) {
            Log.warnf("DynamoDB unavailable after retries: %s", failure.getClass().getSimpleName());
            return apiProblem(new ServiceUnavailable(1), uri);
        }
        Log.error("DynamoDB call failed", failure);
        return internalError(uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception failure, UriInfo uri) {
        Log.error("Unexpected failure", failure);
        return internalError(uri);
    }

    static boolean isTransient(SdkException failure) {
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (failure instanceof software.amazon.awssdk.services.dynamodb.model.TransactionConflictException) {
            return true; // another transaction held the item: the client may retry (503, Retry-After)
        }
        if (failure instanceof software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException cancelled) {
            // cancelled for a conflict or throttling on one of its items (a failed condition is answered by the caller)
            return cancelled.cancellationReasons().stream().anyMatch(reason -> "TransactionConflict".equals(reason.code())
                    || "ThrottlingError".equals(reason.code()) || "ProvisionedThroughputExceeded".equals(reason.code()));
        }
        if (failure instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return failure.retryable();
    }

    private static Response badJson(JsonProcessingException failure, UriInfo uri) {
        String field = "body";
        String message = "is not valid JSON";
        if (failure instanceof UnrecognizedPropertyException unknown) {
            field = path(unknown);
            message = "is not a field of this request";
        } else if (failure instanceof JsonMappingException mapping && !(failure instanceof JsonParseException)) {
            String path = path(mapping);
            field = path.isEmpty() ? "body" : path;
            message = "has the wrong type or format";
        }
        return respond(400, "validation", "Invalid request", "The request body could not be read.", uri,
                List.of(new FieldError(field, message))).build();
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static Response unauthorized(UriInfo uri) {
        return respond(401, "unauthorized", "Unauthorized", "A valid bearer token is required.", uri, null)
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    private static Response internalError(UriInfo uri) {
        return respond(500, "internal", "Internal error", "Something went wrong on our side.", uri, null).build();
    }

    private static Response.ResponseBuilder respond(int status, String type, String title, String detail, UriInfo uri,
            List<FieldError> errors) {
        String instance = uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
        Problem body = new Problem(Problem.TYPE_PREFIX + type, title, status, detail, instance, errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static boolean hasKind(Path path, ElementKind kind) {
        for (Path.Node node : path) {
            if (node.getKind() == kind) {
                return true;
            }
        }
        return false;
    }

    /** "create.request.quiz.questions[0].prompt" -> "quiz.questions[0].prompt"; a query parameter keeps its name. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (node.isInIterable() && node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                    String name = node.getName();
                    if (name != null && !name.startsWith("<")) {
                        field.append(field.isEmpty() ? "" : ".").append(name);
                    }
                }
            }
        }
        if (field.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return field.toString();
    }

}
