package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.FunctionUrlConfig;

/**
 * Lambda functions of one region ($LATEST configuration).
 *
 * <p>Calls: ListFunctions (paginated) once per region; then, per function, ListFunctionEventInvokeConfigs
 * (asynchronous-invocation destinations) and ListFunctionUrlConfigs (function URLs). Lambda has no account-wide
 * form of either, so these two per-function calls are unavoidable; both cover every qualifier (version, alias)
 * of the function at once. Tags are not collected (that would be one more ListTags per function).
 * {@code resource}: FunctionConfiguration. {@code related}: eventInvokeConfigs, urlConfigs (each kept only
 * when its FunctionArn is this function or one of its qualifiers).
 */
@ApplicationScoped
public class LambdaFunctionCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::Lambda::Function";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        LambdaClient lambda = scope.clients().client(scope.account(), scope.region(), LambdaClient::builder);
        List<Resource> out = new ArrayList<>();
        for (FunctionConfiguration function : lambda.listFunctionsPaginator(r -> r.maxItems(50)).functions()) {
            String arn = function.functionArn();
            List<Map<String, Object>> invokeConfigs = new ArrayList<>();
            for (FunctionEventInvokeConfig config : lambda.listFunctionEventInvokeConfigsPaginator(
                    r -> r.functionName(arn).maxItems(50)).functionEventInvokeConfigs()) {
                if (belongsTo(config.functionArn(), arn)) {
                    invokeConfigs.add(AwsDocuments.toMap(config));
                }
            }
            List<Map<String, Object>> urlConfigs = new ArrayList<>();
            for (FunctionUrlConfig config : lambda.listFunctionUrlConfigsPaginator(
                    r -> r.functionName(arn).maxItems(50)).functionUrlConfigs()) {
                if (belongsTo(config.functionArn(), arn)) {
                    urlConfigs.add(AwsDocuments.toMap(config));
                }
            }
            Map<String, Object> related = new HashMap<>();
            related.put("eventInvokeConfigs", invokeConfigs);
            related.put("urlConfigs", urlConfigs);
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, function.functionName(),
                    function.functionName(), Map.of(), AwsDocuments.toMap(function), related));
        }
        return out;
    }

    /** {@code configArn} is the function's ARN or a qualified one ({@code …:function:name:alias}). */
    private static boolean belongsTo(String configArn, String functionArn) {
        return configArn == null || configArn.equals(functionArn) || configArn.startsWith(functionArn + ":");
    }
}
