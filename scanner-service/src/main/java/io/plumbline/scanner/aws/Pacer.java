package io.plumbline.scanner.aws;

import com.google.common.util.concurrent.RateLimiter;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Spaces the requests of one client (one account, region and service) so a scan stays under AWS's
 * throttling buckets instead of spending its retries on them. Guava's limiter allows a one-second burst.
 */
final class Pacer implements ExecutionInterceptor {

    private final RateLimiter limiter;

    Pacer(double requestsPerSecond) {
        this.limiter = RateLimiter.create(requestsPerSecond);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        limiter.acquire();
    }
}
