package io.plumbline.scanner.scan;

import io.plumbline.rules.Evaluation;
import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsAccount;
import io.plumbline.scanner.aws.AwsClients;
import io.plumbline.scanner.catalog.ActiveRule;
import io.plumbline.scanner.collect.CollectionScope;
import io.plumbline.scanner.collect.ResourceCollector;
import io.plumbline.scanner.config.ScannerConfig;
import io.plumbline.scanner.finding.Fingerprint;
import io.plumbline.scanner.health.CheckCounts;
import io.quarkus.arc.All;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Collects the resource types the plan's rules need in every (account, region), with bounded concurrency,
 * then evaluates each rule against each resource of its type. A collector failure marks its scope
 * errored; nothing in that scope can then be resolved.
 */
@ApplicationScoped
public class ScanRunner {

    private static final Logger LOG = Logger.getLogger(ScanRunner.class);
    private static final int MAX_REPORTED_EVALUATION_ERRORS = 50;

    private final AwsClients clients;
    private final List<ResourceCollector> collectors;
    private final ExecutorService pool;
    private final int perServiceConcurrency;

    public ScanRunner(AwsClients clients, @All List<ResourceCollector> collectors, ScannerConfig config) {
        this.clients = clients;
        this.collectors = List.copyOf(collectors);
        this.pool = Executors.newFixedThreadPool(config.collectorConcurrency(), Thread.ofPlatform().name("collector-", 0).factory());
        this.perServiceConcurrency = config.perServiceConcurrency();
    }

    /** Resource types with a collector; a rule about any other type is reported, not silently skipped. */
    public Set<String> collectableTypes() {
        return collectors.stream().map(ResourceCollector::resourceType).collect(Collectors.toSet());
    }

    public ScanOutcome run(ScanPlan plan) {
        Instant observedAt = Instant.now();
        Set<String> neededTypes = plan.rules().stream().map(r -> r.rule().resourceType()).collect(Collectors.toSet());
        List<ResourceCollector> needed = collectors.stream().filter(c -> neededTypes.contains(c.resourceType())).toList();
        Map<String, Semaphore> perService = new ConcurrentHashMap<>();

        Map<ScopeKey, Future<List<Resource>>> tasks = new LinkedHashMap<>();
        Map<String, Set<String>> regionsByAccount = new HashMap<>();
        for (Map.Entry<AwsAccount, List<String>> entry : plan.regions().entrySet()) {
            AwsAccount account = entry.getKey();
            List<String> regions = entry.getValue();
            regionsByAccount.put(account.accountId(), Set.copyOf(regions));
            boolean globalOnly = plan.targetArn().map(arn -> TargetArn.parse(arn).global()).orElse(false);
            // one global scope for all global collectors, so they share memoised account-wide calls
            // (e.g. IAM's GetAccountAuthorizationDetails for users, roles, policies and the account)
            CollectionScope globalScope = new CollectionScope(account, CollectionScope.GLOBAL, regions, clients);
            for (ResourceCollector collector : needed) {
                if (collector.global()) {
                    CollectionScope scope = globalScope;
                    ScopeKey key = new ScopeKey(account.accountId(), ScopeKey.ANY_REGION, collector.resourceType());
                    tasks.put(key, pool.submit(() -> bounded(perService, key, () -> collector.collect(scope))));
                }
            }
            if (globalOnly) {
                continue;
            }
            for (String region : regions) {
                // one scope object per region so collectors share its memoised calls
                CollectionScope scope = new CollectionScope(account, region, regions, clients);
                for (ResourceCollector collector : needed) {
                    if (!collector.global()) {
                        ScopeKey key = new ScopeKey(account.accountId(), region, collector.resourceType());
                        tasks.put(key, pool.submit(() -> bounded(perService, key, () -> collector.collect(scope))));
                    }
                }
            }
        }

        Set<ScopeKey> collected = new HashSet<>();
        List<ScanError> errors = new ArrayList<>();
        Map<String, List<Resource>> byType = new HashMap<>();
        for (Map.Entry<ScopeKey, Future<List<Resource>>> task : tasks.entrySet()) {
            try {
                List<Resource> resources = task.getValue().get();
                if (plan.targetArn().isPresent()) {
                    String target = plan.targetArn().get();
                    resources = resources.stream().filter(r -> r.arn().equals(target)).toList();
                }
                collected.add(task.getKey());
                byType.computeIfAbsent(task.getKey().resourceType(), k -> new ArrayList<>()).addAll(resources);
            } catch (ExecutionException e) {
                String reason = describe(e.getCause());
                LOG.warnf("collection of %s failed: %s", task.getKey(), reason);
                errors.add(ScanError.collection(task.getKey(), reason));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add(ScanError.collection(task.getKey(), "interrupted"));
            }
        }

        Map<String, ScanOutcome.Violation> violations = new HashMap<>();
        Set<String> undecided = new HashSet<>();
        CheckCounts.Builder checks = CheckCounts.builder();
        int evaluationErrors = 0;
        Set<String> evaluatedResources = new HashSet<>();
        for (ActiveRule rule : plan.rules()) {
            for (Resource resource : byType.getOrDefault(rule.rule().resourceType(), List.of())) {
                evaluatedResources.add(resource.arn());
                String fingerprint = Fingerprint.of(rule.id(), resource.accountId(), resource.region(), resource.arn());
                Evaluation evaluation = rule.evaluate(resource);
                switch (evaluation) {
                    case Evaluation.Pass pass -> checks.passed(rule.rule(), resource);
                    case Evaluation.Fail fail -> {
                        violations.put(fingerprint, new ScanOutcome.Violation(rule, resource, fail.message()));
                        checks.failed(rule.rule(), resource);
                    }
                    case Evaluation.Error error -> {
                        undecided.add(fingerprint);
                        checks.errored();
                        if (evaluationErrors++ < MAX_REPORTED_EVALUATION_ERRORS) {
                            errors.add(ScanError.evaluation(resource.accountId(), resource.region(), resource.type(), rule.id(),
                                    error.reason()));
                        }
                    }
                }
            }
        }
        if (evaluationErrors > MAX_REPORTED_EVALUATION_ERRORS) {
            errors.add(new ScanError(null, null, null, null,
                    (evaluationErrors - MAX_REPORTED_EVALUATION_ERRORS) + " more rule evaluation errors not listed"));
        }
        Set<String> ruleIds = plan.rules().stream().map(ActiveRule::id).collect(Collectors.toSet());
        return new ScanOutcome(plan.scanId(), observedAt, Set.copyOf(regionsByAccount.keySet()), regionsByAccount, ruleIds,
                collected, violations, undecided, evaluatedResources.size(), errors, plan.targetArn(), checks.build());
    }

    /** Runs a collector while holding one of its (account, region, service) permits. */
    private List<Resource> bounded(Map<String, Semaphore> perService, ScopeKey key, Callable<List<Resource>> collect)
            throws Exception {
        String[] type = key.resourceType().split("::");
        Semaphore permits = perService.computeIfAbsent(key.accountId() + '|' + key.region() + '|' + type[1],
                k -> new Semaphore(perServiceConcurrency));
        permits.acquire();
        try {
            return collect.call();
        } finally {
            permits.release();
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().serviceName() + " " + aws.awsErrorDetails().errorCode() + ": "
                    + aws.awsErrorDetails().errorMessage();
        }
        if (failure instanceof AwsServiceException aws) {
            // an error without an AWS error body (an HTML 500, a 404 from a proxy): the status is all there is
            return "HTTP " + aws.statusCode() + ": " + aws.getMessage();
        }
        if (failure instanceof SdkException sdk) {
            return sdk.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
