package dev.skillforge.data.course;

/** A course's life: drafted, published to the catalog, withdrawn from it (enrolled students keep access). */
public enum CourseStatus {
    DRAFT, PUBLISHED, UNPUBLISHED;

    public String value() {
        return name().toLowerCase();
    }

    public static CourseStatus of(String value) {
        return valueOf(value.toUpperCase());
    }
}
