package dev.skillforge.data.audit;

import jakarta.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One changed field: old and new values for small scalars, names only for large or nested values. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldChange(String field, @Nullable String oldValue, @Nullable String newValue) {
}
