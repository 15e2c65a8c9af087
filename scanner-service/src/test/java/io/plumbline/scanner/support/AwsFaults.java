package io.plumbline.scanner.support;

import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Covers what moto cannot do, on the scanner's own SDK clients: answers an operation with a recorded AWS
 * response (e.g. VPN tunnel telemetry), or with an AWS error (to fail one collector's scope).
 */
@Singleton
public class AwsFaults implements ExecutionInterceptor {

    private record Answer(int status, String body) {}

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    /** Answers {@code operation} (e.g. DescribeVpnConnections) with the recorded response in {@code resource}. */
    public void record(String operation, String resource) {
        try (InputStream in = AwsFaults.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response " + resource);
            }
            answers.put(operation, new Answer(200, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails {@code operation} in every region with the AWS query-protocol error AccessDenied (403, not retried). */
    public void deny(String operation) {
        deny(operation, null);
    }

    /** Fails {@code operation} in {@code region} only. */
    public void deny(String operation, String region) {
        answers.put(region == null ? operation : operation + "@" + region, new Answer(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                + "<Message>User is not authorized to perform " + operation + "</Message></Error>"
                + "<RequestId>test</RequestId></ErrorResponse>"));
    }

    public void clear() {
        answers.clear();
    }

    private Answer answerFor(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Object region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        Answer regional = answers.get(operation + "@" + region);
        return regional != null ? regional : answers.get(operation);
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Answer answer = answerFor(attributes);
        if (answer == null) {
            return context.httpResponse();
        }
        return context.httpResponse().toBuilder().statusCode(answer.status()).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Answer answer = answerFor(attributes);
        if (answer == null) {
            return context.responseBody();
        }
        return Optional.of(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)));
    }
}
