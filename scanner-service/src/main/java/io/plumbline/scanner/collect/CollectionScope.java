package io.plumbline.scanner.collect;

import io.plumbline.scanner.aws.AwsAccount;
import io.plumbline.scanner.aws.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One (account, region) being scanned. Calls several collectors need (security groups for instances and
 * for groups themselves) are made once and shared through {@link #memo}. For global collectors
 * {@code region} is {@value #GLOBAL} and {@code regions} lists the regions the scan covers.
 */
public final class CollectionScope {

    public static final String GLOBAL = "global";

    private final AwsAccount account;
    private final String region;
    private final List<String> regions;
    private final AwsClients clients;
    private final Map<String, Object> memo = new ConcurrentHashMap<>();

    public CollectionScope(AwsAccount account, String region, List<String> regions, AwsClients clients) {
        this.account = account;
        this.region = region;
        this.regions = List.copyOf(regions);
        this.clients = clients;
    }

    public AwsAccount account() {
        return account;
    }

    public String accountId() {
        return account.accountId();
    }

    public String region() {
        return region;
    }

    public List<String> regions() {
        return regions;
    }

    public AwsClients clients() {
        return clients;
    }

    /** The value of a shared call, computed by the first collector that needs it. */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, Supplier<T> call) {
        Object value = memo.get(key);
        if (value == null) {
            synchronized (memo) {
                value = memo.computeIfAbsent(key, k -> call.get());
            }
        }
        return (T) value;
    }

    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account.accountId() + ":" + resource;
    }
}
