package io.plumbline.scanner.scan;

import io.micrometer.core.instrument.MeterRegistry;
import io.plumbline.scanner.aws.AwsClients;
import io.plumbline.scanner.catalog.ActiveRule;
import io.plumbline.scanner.catalog.RuleBook;
import io.plumbline.scanner.config.ScannerConfig;
import io.plumbline.scanner.finding.FindingReconciler;
import io.plumbline.scanner.finding.OutboxRelay;
import io.plumbline.scanner.health.HealthSnapshot;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import io.plumbline.scanner.aws.AwsAccount;
import io.quarkus.scheduler.Scheduled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Starts scans, runs them in the background and records their outcome. */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov)?-[a-z]+-\\d$");

    private final ScannerConfig config;
    private final RuleBook rules;
    private final ScanRunner runner;
    private final FindingReconciler reconciler;
    private final OutboxRelay relay;
    private final AwsClients clients;
    private final MeterRegistry registry;
    private final ExecutorService scans = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("scan-", 0).factory());

    public ScanService(ScannerConfig config, RuleBook rules, ScanRunner runner, FindingReconciler reconciler, OutboxRelay relay,
            AwsClients clients, MeterRegistry registry) {
        this.config = config;
        this.rules = rules;
        this.runner = runner;
        this.reconciler = reconciler;
        this.relay = relay;
        this.clients = clients;
        this.registry = registry;
    }

    /** A scan left RUNNING by a stopped process will never finish: say so instead of showing it forever. */
    void onStart(@Observes StartupEvent event) {
        int interrupted = QuarkusTransaction.requiringNew().call(() -> Scan.update(
                "status = ?1, finishedAt = ?2 where status = ?3", ScanStatus.FAILED, Instant.now(), ScanStatus.RUNNING));
        if (interrupted > 0) {
            LOG.warnf("%d scan(s) were interrupted by a restart and are marked FAILED", interrupted);
        }
    }

    /** The request's rules, regions and target, or the configured defaults; throws naming the offending value. */
    public ScanPlan plan(ScanRequest request) {
        List<String> requestedRegions = request == null || request.regions() == null ? List.of() : request.regions();
        for (String region : requestedRegions) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("regions: '" + region + "' is not an AWS region name");
            }
        }
        Optional<TargetArn> target = Optional.ofNullable(request == null ? null : request.resourceArn())
                .filter(arn -> !arn.isBlank())
                .map(TargetArn::parse);
        List<ActiveRule> selected = new ArrayList<>();
        if (request == null || request.rules() == null || request.rules().isEmpty()) {
            selected.addAll(rules.active());
        } else {
            for (String id : request.rules()) {
                Optional<ActiveRule> rule = rules.find(id);
                if (rule.isEmpty()) {
                    throw new IllegalArgumentException("rules: '" + id + "' is " + (rules.isDisabled(id) ? "disabled" : "not a rule id"));
                }
                selected.add(rule.get());
            }
        }
        Set<String> collectable = runner.collectableTypes();
        selected.removeIf(rule -> {
            boolean missing = !collectable.contains(rule.rule().resourceType());
            if (missing) {
                LOG.warnf("rule %s needs %s, which no collector provides; skipped", rule.id(), rule.rule().resourceType());
            }
            return missing;
        });
        target.ifPresent(arn -> selected.removeIf(rule -> !arn.couldBe(rule.rule().resourceType())));
        if (target.isPresent() && selected.isEmpty()) {
            throw new IllegalArgumentException("resourceArn: no enabled rule applies to " + target.get().arn());
        }

        Map<AwsAccount, List<String>> regions = new LinkedHashMap<>();
        for (AwsAccount account : clients.accounts()) {
            if (target.isPresent() && !target.get().accountId().isEmpty() && !target.get().accountId().equals(account.accountId())) {
                continue;
            }
            List<String> accountRegions;
            if (target.isPresent() && !target.get().global()) {
                accountRegions = List.of(target.get().region());
            } else if (!requestedRegions.isEmpty()) {
                accountRegions = requestedRegions;
            } else if (account.regions() == null || account.regions().isEmpty()) {
                accountRegions = config.regions();
            } else if (account.regions().equals(List.of("all"))) {
                accountRegions = clients.enabledRegions(account);
            } else {
                accountRegions = account.regions();
            }
            regions.put(account, List.copyOf(accountRegions));
        }
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("resourceArn: account " + target.map(TargetArn::accountId).orElse("?")
                    + " is not one of the configured accounts");
        }
        Set<String> selectedIds = selected.stream().map(ActiveRule::id).collect(Collectors.toSet());
        boolean fullScope = target.isEmpty()
                && (requestedRegions.isEmpty() || requestedRegions.containsAll(config.regions()))
                && rules.active().stream()
                .filter(rule -> collectable.contains(rule.rule().resourceType()))
                .allMatch(rule -> selectedIds.contains(rule.id()));
        return new ScanPlan(UUID.randomUUID(), regions, List.copyOf(selected), target.map(TargetArn::arn), fullScope);
    }

    /** Runs the configured schedule; a scheduled scan never piles up behind one still running. */
    @Scheduled(cron = "${plumbline.scanner.schedule:off}", identity = "scheduled-scan")
    void scheduled() {
        long running = QuarkusTransaction.requiringNew().call(() -> Scan.count("status", ScanStatus.RUNNING));
        if (running > 0) {
            LOG.infof("scheduled scan skipped: %d scan(s) still running", running);
            return;
        }
        start(null);
    }

    public Scan start(ScanRequest request) {
        ScanPlan plan = plan(request);
        Scan scan = QuarkusTransaction.requiringNew().call(() -> {
            Scan s = new Scan();
            s.id = plan.scanId();
            s.status = ScanStatus.RUNNING;
            s.startedAt = Instant.now();
            s.requestedRegions = plan.regions().values().stream().flatMap(List::stream).distinct().sorted().toList();
            s.requestedRules = request == null || request.rules() == null ? null : request.rules();
            s.targetArn = plan.targetArn().orElse(null);
            s.persist();
            return s;
        });
        scans.submit(() -> execute(plan));
        return scan;
    }

    private void execute(ScanPlan plan) {
        long callsBefore = clients.callCount();
        ScanStatus status;
        ScanOutcome outcome = null;
        FindingReconciler.Changes changes = new FindingReconciler.Changes(0, 0, 0);
        List<ScanError> errors = new ArrayList<>();
        try {
            outcome = runner.run(plan);
            errors.addAll(outcome.errors());
            if (outcome.collected().isEmpty() && !errors.isEmpty()) {
                status = ScanStatus.FAILED;
            } else {
                changes = reconciler.reconcile(outcome);
                status = errors.stream().anyMatch(e -> e.ruleId() == null) ? ScanStatus.PARTIAL : ScanStatus.SUCCEEDED;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "scan %s failed", plan.scanId());
            errors.add(new ScanError(null, null, null, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
            status = ScanStatus.FAILED;
        }
        long calls = clients.callCount() - callsBefore;
        ScanStatus finalStatus = status;
        int evaluated = outcome == null ? 0 : outcome.resourcesEvaluated();
        FindingReconciler.Changes finalChanges = changes;
        ScanOutcome finalOutcome = outcome;
        QuarkusTransaction.requiringNew().run(() -> {
            Scan scan = Scan.findById(plan.scanId());
            scan.status = finalStatus;
            scan.finishedAt = Instant.now();
            scan.resourcesEvaluated = evaluated;
            scan.awsCalls = calls;
            scan.findingsOpened = finalChanges.opened();
            scan.findingsReopened = finalChanges.reopened();
            scan.findingsResolved = finalChanges.resolved();
            scan.errors = errors;
            if (finalStatus == ScanStatus.SUCCEEDED || finalStatus == ScanStatus.PARTIAL) {
                HealthSnapshot.record(scan.id, plan.fullScope(), scan.finishedAt, finalOutcome.checks());
            }
        });
        registry.counter("plumbline.scans", "status", finalStatus.name()).increment();
        registry.counter("plumbline.scan.aws.calls").increment(calls);
        LOG.infof("scan %s %s: %d resources, %d AWS calls, %d opened, %d reopened, %d resolved, %d errors", plan.scanId(),
                finalStatus, evaluated, calls, changes.opened(), changes.reopened(), changes.resolved(), errors.size());
        try {
            relay.drain();
        } catch (RuntimeException e) {
            LOG.warnf("finding events stay in the outbox until the next relay round: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        scans.shutdownNow();
    }
}
