package dev.skillforge.local.scale;

/**
 * How big a scale run is. {@link #FULL} is issue 20's run; {@link #TINY} tries the whole harness in about two minutes.
 * Each number can be overridden with a system property ({@code -Dscale.learners=20000}, ...), so a run can be tried at a
 * fraction of the full size first.
 *
 * @param learners          learner profiles
 * @param courses           courses (every 25th a draft, the rest published)
 * @param bigEnrollments    enrollments of the one large course (learners 0 .. bigEnrollments-1)
 * @param searches          searches over the catalogue's words
 * @param requestsPerRoute  measured requests of every other route
 */
public record ScaleSizes(String label, int learners, int courses, int bigEnrollments, int searches, int requestsPerRoute) {

    public static final ScaleSizes FULL = new ScaleSizes("full", 100_000, 2_000, 50_000, 1_000, 200);
    public static final ScaleSizes TINY = new ScaleSizes("tiny", 1_200, 60, 600, 60, 12);

    public ScaleSizes {
        if (bigEnrollments > learners) {
            throw new IllegalArgumentException("the large course cannot have more enrollments than there are learners");
        }
        if (courses < 2 || requestsPerRoute < 1 || learners < bigEnrollments + 2 * requestsPerRoute) {
            throw new IllegalArgumentException("too small to measure: " + learners + " learners, " + courses + " courses");
        }
    }

    /**
     * The size {@code -Dscale.run} asks for: {@code true} or {@code full} the full run, {@code tiny} the tiny one (null: no
     * scale run was asked for); then any single size overridden by its property.
     */
    public static ScaleSizes fromSystemProperties() {
        String asked = System.getProperty("scale.run", "false").trim();
        ScaleSizes base = switch (asked) {
            case "true", "full" -> FULL;
            case "tiny" -> TINY;
            default -> null;
        };
        if (base == null) {
            return null;
        }
        boolean overridden = System.getProperty("scale.learners") != null || System.getProperty("scale.courses") != null
                || System.getProperty("scale.big-enrollments") != null || System.getProperty("scale.searches") != null
                || System.getProperty("scale.requests") != null;
        return new ScaleSizes(overridden ? base.label + "-custom" : base.label,
                Integer.getInteger("scale.learners", base.learners),
                Integer.getInteger("scale.courses", base.courses),
                Integer.getInteger("scale.big-enrollments", base.bigEnrollments),
                Integer.getInteger("scale.searches", base.searches),
                Integer.getInteger("scale.requests", base.requestsPerRoute));
    }
}
