package dev.skillforge.web.problem;

import jakarta.annotation.Nullable;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.data.problem.FieldError;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem document. {@code type} is a relative URI documented in docs/problems.md. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance, @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "/problems/";
}
