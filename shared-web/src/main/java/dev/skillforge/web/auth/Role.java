package dev.skillforge.web.auth;

/** The platform's roles, carried in the token's cognito:groups claim. */
public enum Role {
    ADMIN, INSTRUCTOR, STUDENT;

    /** The group name in tokens and @RolesAllowed. */
    public String group() {
        return name().toLowerCase();
    }

    public static final String ADMIN_GROUP = "admin";
    public static final String INSTRUCTOR_GROUP = "instructor";
    public static final String STUDENT_GROUP = "student";
}
