package dev.skillforge.data.problem;

/** One invalid input field and what is wrong with it. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record FieldError(String field, String message) {
}
