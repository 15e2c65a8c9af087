package io.plumbline.scanner.aws;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts every HTTP attempt the SDK makes (retries included), so a scan can report what it cost. */
public final class AwsCallCounter implements ExecutionInterceptor {

    private final LongAdder calls = new LongAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        calls.increment();
    }

    public long total() {
        return calls.sum();
    }
}
