package dev.skillforge.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One SkillForge function in the chosen deploy mode: its log group (retention per stage), the function (memory,
 * timeout, architecture, environment, no X-Ray tracing) and, for SnapStart, the "live" alias on the published version
 * that callers invoke. Its table permissions come from {@link FunctionAccess}.
 */
final class ServiceFunction extends Construct {

    static final String JVM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private final Function function;
    private final IFunction target;

    ServiceFunction(Construct scope, String name, DeploySettings settings, Map<String, String> environment,
            Duration timeout, ITable table) {
        this(scope, name, name, settings, environment, timeout, table);
    }

    /** A function named {@code name} whose code is the package of module {@code packageName} (two stream consumers share one). */
    ServiceFunction(Construct scope, String name, String packageName, DeploySettings settings, Map<String, String> environment,
            Duration timeout, ITable table) {
        super(scope, name);
        boolean prod = settings.stage().isProd();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/skillforge-" + settings.stage().id() + "-" + name)
                .retention(prod ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK)
                .removalPolicy(prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Function.Builder builder = Function.Builder.create(this, "Function")
                .functionName("skillforge-" + settings.stage().id() + "-" + name)
                .description("SkillForge " + name + " (" + settings.mode().id() + ")")
                .code(Code.fromAsset(settings.packageOf(packageName).toString()))
                .memorySize(settings.mode() == DeploySettings.DeployMode.NATIVE ? 256 : 512)
                .timeout(timeout)
                // The native executable and the bundled JDK of jvm-aot are built on x86_64; SnapStart's JVM is portable
                // but stays on the same architecture so benchmark figures compare.
                .architecture(Architecture.X86_64)
                .environment(environment)
                // Nothing inside the functions is traced and HTTP APIs send no trace header: active tracing would only
                // add the X-Ray grant and an unmeasured cold-start cost (docs/tracing.md).
                .tracing(Tracing.DISABLED)
                .logGroup(logs);
        switch (settings.mode()) {
            case JVM_SNAPSTART -> builder.runtime(Runtime.JAVA_21).handler(JVM_HANDLER)
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
            case NATIVE, JVM_AOT -> builder.runtime(Runtime.PROVIDED_AL2023).handler("bootstrap");
        }
        function = builder.build();
        if (settings.mode() == DeploySettings.DeployMode.JVM_SNAPSTART) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "callers invoke the published version through the live alias");
        }
        target = settings.mode() == DeploySettings.DeployMode.JVM_SNAPSTART
                ? Alias.Builder.create(this, "Live").aliasName("live").version(function.getCurrentVersion()).build()
                : function;

        FunctionAccess access = FunctionAccess.BY_FUNCTION.get(name);
        List<String> resources = new ArrayList<>(List.of(table.getTableArn()));
        access.indexes().forEach(index -> resources.add(table.getTableArn() + "/index/" + index.name()));
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("SkillForgeTable")
                .actions(access.actions())
                .resources(resources)
                .build());
    }

    Function function() {
        return function;
    }

    /** What API Gateway and the event source mapping invoke: the SnapStart alias, or the function itself. */
    IFunction target() {
        return target;
    }
}
