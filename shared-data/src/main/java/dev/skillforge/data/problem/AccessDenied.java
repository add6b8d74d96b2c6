package dev.skillforge.data.problem;

/** The caller is known but may not do this (wrong role, not the owner, not enrolled). */
public class AccessDenied extends ApiProblem {

    public AccessDenied(String detail) {
        super(403, "forbidden", "Forbidden", detail);
    }
}
