package dev.skillforge.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.observe.Emf;
import dev.skillforge.data.table.IndexDesign;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Alarms to one SNS topic (function errors, throttles and p99 duration; stream iterator age, records the
 * stream-processor keeps failing, stream failure queue depth; read and write throttling of the table and of each
 * index; API 5xx rate) and a dashboard of the same metrics.
 */
final class Monitoring extends Construct {

    private final Topic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    Monitoring(Construct scope, String id, DeploySettings settings, Map<String, ServiceFunction> httpFunctions,
            Map<StreamConsumer, SkillForgeStack.StreamConsumerResources> consumers, HttpApi api, ITable table) {
        super(scope, id);
        String prefix = "skillforge-" + settings.stage().id() + "-";
        topic = Topic.Builder.create(this, "Alarms").topicName(prefix + "alarms").displayName("SkillForge " + settings.stage().id() + " alarms")
                .enforceSsl(true).build();
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();

        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(prefix + "overview").build();
        MathExpression serverErrorRate = MathExpression.Builder.create()
                .expression("IF(requests > 0, 100 * errors / requests, 0)")
                .usingMetrics(Map.of("errors", api.metricServerError(MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build()),
                        "requests", api.metricCount(MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build())))
                .label("5xx %")
                .period(Duration.minutes(5))
                .build();
        alarm(prefix + "api-5xx-rate", serverErrorRate, 1, 2, "More than 1% of API requests answered 5xx");
        dashboard.addWidgets(graph("API requests", api.metricCount(fiveMinutes)), graph("API 5xx rate (%)", serverErrorRate),
                graph("API latency p99", api.metricLatency(MetricOptions.builder().statistic("p99").period(Duration.minutes(5)).build())));

        List<ServiceFunction> all = new ArrayList<>(httpFunctions.values());
        List<ServiceFunction> streamFunctions = consumers.values().stream().map(SkillForgeStack.StreamConsumerResources::function).toList();
        all.addAll(streamFunctions);
        for (ServiceFunction service : all) {
            Function function = service.function();
            String name = service.getNode().getId();
            alarm(prefix + name + "-errors", function.metricErrors(fiveMinutes), 1, 1, name + " reported errors");
            alarm(prefix + name + "-throttles", function.metricThrottles(fiveMinutes), 1, 1, name + " was throttled");
            double p99Limit = streamFunctions.contains(service) ? 30_000 : 3_000;
            alarm(prefix + name + "-duration-p99", function.metricDuration(MetricOptions.builder().statistic("p99")
                    .period(Duration.minutes(5)).build()), p99Limit, 3, name + " p99 duration above " + (int) p99Limit + " ms");
            dashboard.addWidgets(graph(name + " invocations and errors", function.metricInvocations(fiveMinutes),
                    function.metricErrors(fiveMinutes), function.metricThrottles(fiveMinutes)),
                    graph(name + " duration p50/p99", function.metricDuration(MetricOptions.builder().statistic("p50").period(Duration.minutes(5)).build()),
                            function.metricDuration(MetricOptions.builder().statistic("p99").period(Duration.minutes(5)).build())));
        }

        for (Map.Entry<StreamConsumer, SkillForgeStack.StreamConsumerResources> entry : consumers.entrySet()) {
            String name = entry.getKey().functionName();
            Metric iteratorAge = entry.getValue().function().function().metric("IteratorAge", MetricOptions.builder().statistic("Maximum")
                    .period(Duration.minutes(1)).build());
            alarm(prefix + name + "-iterator-age", iteratorAge, 60_000, 3, name + " is more than a minute behind the table");
            Metric failureDepth = entry.getValue().failures().metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                    .statistic("Maximum").period(Duration.minutes(1)).build());
            alarm(prefix + name + "-failures", failureDepth, 1, 1,
                    name + ": stream records ran out of retries (parked in the table: run the replay command, docs/operations.md)");
            // The consumer's own EMF count (StreamHandler.metrics): records it reported failed (and parked), so Lambda
            // retries them. A retry that succeeds clears it within one period; failures in two periods in a row mean a
            // record keeps failing and holds its shard back, hours before it would reach the failure queue.
            Metric failedRecords = Metric.Builder.create()
                    .namespace(Emf.NAMESPACE)
                    .metricName("RecordsFailed")
                    .dimensionsMap(Map.of("service", name))
                    .statistic("Sum")
                    .period(Duration.minutes(5))
                    .build();
            alarm(prefix + name + "-records-failed", failedRecords, 1, 2, name + " has reported failed records for 10 minutes");
            dashboard.addWidgets(graph(name + " iterator age (ms)", iteratorAge), graph(name + " failure queue depth", failureDepth),
                    graph(name + " records failed", failedRecords));
        }
        // A cascade step that failed five times parks its job as stalled (CascadeStep): counted by the records consumer.
        Metric stalledCascades = Metric.Builder.create()
                .namespace(Emf.NAMESPACE)
                .metricName("CascadesStalled")
                .dimensionsMap(Map.of("service", StreamConsumer.RECORDS.functionName()))
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build();
        alarm(prefix + "cascades-stalled", stalledCascades, 1, 1, "A course cascade stalled (run the replay command to resume it)");

        // On demand, throttling means a hot key (one partition past its limits) or a burst past the table's scaled
        // capacity; the SDK's retries hide it from callers until they run out. Indexes are throttled on their own
        // (GSI2's top-rated partition is one key), so each is watched by name. One metric per alarm, no metric math:
        // these metrics are only published while something is throttled, and math over a series without a point
        // at that time gives no value, so a summed alarm could miss the very throttling it is for.
        Map<String, Map<String, String>> throttledResources = new LinkedHashMap<>();
        throttledResources.put("table", Map.of("TableName", table.getTableName()));
        for (IndexDesign index : TableDesign.INDEXES) {
            throttledResources.put(index.name(), Map.of("TableName", table.getTableName(), "GlobalSecondaryIndexName", index.name()));
        }
        List<IMetric> throttles = new ArrayList<>();
        throttledResources.forEach((resource, dimensions) -> {
            for (String kind : List.of("read", "write")) {
                Metric throttled = Metric.Builder.create()
                        .namespace("AWS/DynamoDB")
                        .metricName(kind.equals("read") ? "ReadThrottleEvents" : "WriteThrottleEvents")
                        .dimensionsMap(dimensions)
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build();
                alarm(prefix + resource + "-" + kind + "-throttles", throttled, 1, 1, "DynamoDB throttled " + kind + "s on "
                        + (resource.equals("table") ? "the table" : "index " + resource));
                // Labelled on the dashboard only: a labelled metric would turn the alarm into a metric-query alarm.
                throttles.add(throttled.with(MetricOptions.builder().label(resource + " " + kind + "s").build()));
            }
        });
        dashboard.addWidgets(graph("Table and index throttle events", throttles.toArray(IMetric[]::new)));
    }

    private void alarm(String name, IMetric metric, double threshold, int periods, String description) {
        Alarm alarm = Alarm.Builder.create(this, name)
                .metric(metric)
                .alarmName(name)
                .alarmDescription(description)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
    }

    Topic topic() {
        return topic;
    }
}
