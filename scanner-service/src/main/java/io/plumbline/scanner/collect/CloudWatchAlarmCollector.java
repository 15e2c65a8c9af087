package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** CloudWatch metric and composite alarms, so an alarm in ALARM enters the finding stream like any drift. */
@ApplicationScoped
public class CloudWatchAlarmCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::CloudWatch::Alarm";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        CloudWatchClient cloudWatch = scope.clients().client(scope.account(), scope.region(), CloudWatchClient::builder);
        List<Resource> out = new ArrayList<>();
        for (DescribeAlarmsResponse page : cloudWatch.describeAlarmsPaginator(
                r -> r.alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).maxRecords(100))) {
            for (MetricAlarm alarm : page.metricAlarms()) {
                out.add(resource(scope, alarm.alarmArn(), alarm.alarmName(), AwsDocuments.toMap(alarm)));
            }
            for (CompositeAlarm alarm : page.compositeAlarms()) {
                out.add(resource(scope, alarm.alarmArn(), alarm.alarmName(), AwsDocuments.toMap(alarm)));
            }
        }
        return out;
    }

    private Resource resource(CollectionScope scope, String arn, String name, Map<String, Object> data) {
        String id = name;
        return new Resource(resourceType(), scope.accountId(), scope.region(),
                arn != null ? arn : scope.arn("cloudwatch", "alarm:" + name), id, name, Map.of(), data, Map.of());
    }
}
