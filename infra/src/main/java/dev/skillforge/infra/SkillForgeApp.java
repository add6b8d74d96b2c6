package dev.skillforge.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The CDK app: one SkillForge stack for the stage and deploy mode given as context (see cdk.json and the README). */
public final class SkillForgeApp {

    private SkillForgeApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploySettings settings = DeploySettings.of(context(app, "stage"), context(app, "mode"), context(app, "artifacts"),
                context(app, "webOrigin"), context(app, "jwks"), context(app, "mediaKeyVersion"));
        new SkillForgeStack(app, "SkillForge-" + settings.stage().id(), StackProps.builder()
                .description("SkillForge learning platform (" + settings.stage().id() + ", " + settings.mode().id() + ")")
                .build(), settings);
        app.synth();
    }

    private static String context(App app, String key) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? null : value.toString();
    }
}
