package io.plumbline.ticketing.routing;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.config.TicketingConfig;
import io.plumbline.ticketing.sink.Target;
import io.plumbline.ticketing.sink.TicketSink;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Chooses each finding's route from configuration; checked at start-up so a bad route never starts. */
@Startup
@ApplicationScoped
public class Router {

    private static final Set<String> SEVERITIES = Set.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");
    private static final Set<String> PILLARS = Set.of("OPERATIONAL_EXCELLENCE", "SECURITY", "RELIABILITY",
            "PERFORMANCE_EFFICIENCY", "COST_OPTIMIZATION", "SUSTAINABILITY");

    private final List<CompiledRoute> routes;
    private final Set<String> enabled;

    @Inject
    public Router(TicketingConfig config, Instance<TicketSink> sinks) {
        this(config, sinks.stream().toList());
    }

    public Router(TicketingConfig config, Collection<TicketSink> sinks) {
        Set<String> known = sinks.stream().map(TicketSink::destination).collect(Collectors.toSet());
        this.enabled = sinks.stream().filter(TicketSink::enabled).map(TicketSink::destination).collect(Collectors.toSet());
        this.routes = config.routes().isEmpty() ? defaults() : compile(config.routes(), known);
    }

    /** The first route whose match holds; the last default route matches everything. */
    public RoutePlan route(FindingEvent event) {
        for (CompiledRoute route : routes) {
            if (route.matches(event)) {
                return route.plan();
            }
        }
        return new RoutePlan("unrouted", Grouping.RULE, List.of(), Target.defaults());
    }

    /** The plan of a route by name (an incident keeps its route); unknown names send nowhere. */
    public RoutePlan byName(String name) {
        return routes.stream().filter(r -> r.plan().name().equals(name)).map(CompiledRoute::plan).findFirst()
                .orElse(new RoutePlan(name, Grouping.RULE, List.of(), Target.defaults()));
    }

    private List<CompiledRoute> defaults() {
        return List.of(
                defaultRoute("urgent", Set.of("CRITICAL", "HIGH"), List.of("opsgenie", "jira", "slack", "servicenow", "pagerduty")),
                defaultRoute("standard", Set.of("MEDIUM"), List.of("jira", "slack", "servicenow")),
                defaultRoute("backlog", null, List.of("jira", "servicenow")));
    }

    private CompiledRoute defaultRoute(String name, Set<String> severities, List<String> destinations) {
        List<String> configured = destinations.stream().filter(enabled::contains).toList();
        return new CompiledRoute(new RoutePlan(name, Grouping.RULE, configured, Target.defaults()),
                severities, null, List.of(), List.of(), List.of(), Map.of());
    }

    private List<CompiledRoute> compile(List<TicketingConfig.Route> configured, Set<String> known) {
        List<CompiledRoute> compiled = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            TicketingConfig.Route route = configured.get(i);
            String key = "plumbline.ticketing.routes[" + i + "]";
            for (String destination : route.destinations()) {
                if (!known.contains(destination)) {
                    throw new IllegalStateException(key + ".destinations names '" + destination
                            + "', which is not a destination; known: " + known.stream().sorted().toList());
                }
                if (!enabled.contains(destination)) {
                    throw new IllegalStateException(key + ".destinations names '" + destination
                            + "', which is not configured (set plumbline.ticketing." + destination + ".*)");
                }
            }
            Set<String> severities = upper(route.match().severities(), SEVERITIES, key + ".match.severities");
            Set<String> pillars = upper(route.match().pillars(), PILLARS, key + ".match.pillars");
            Target target = new Target(route.jiraProject(), route.jiraIssueType(), route.servicenowAssignmentGroup(),
                    route.opsgenieResponders().orElse(List.of()), route.slackChannel());
            RoutePlan plan = new RoutePlan(route.name(), Grouping.parse(route.grouping(), key + ".grouping"),
                    List.copyOf(route.destinations()), target);
            compiled.add(new CompiledRoute(plan, severities, pillars, globs(route.match().rules()),
                    globs(route.match().accounts()), globs(route.match().regions()), route.match().tags()));
        }
        return compiled;
    }

    private static Set<String> upper(Optional<Set<String>> values, Set<String> allowed, String key) {
        if (values.isEmpty()) {
            return null;
        }
        Set<String> result = values.get().stream().map(v -> v.trim().toUpperCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
        for (String value : result) {
            if (!allowed.contains(value)) {
                throw new IllegalStateException(key + " has '" + value + "'; allowed: " + allowed.stream().sorted().toList());
            }
        }
        return result;
    }

    private static List<Pattern> globs(Optional<List<String>> values) {
        return values.orElse(List.of()).stream().map(Router::glob).toList();
    }

    /** {@code *} any run of characters, {@code ?} one character, everything else literal. */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private record CompiledRoute(RoutePlan plan, Set<String> severities, Set<String> pillars, List<Pattern> rules,
                                 List<Pattern> accounts, List<Pattern> regions, Map<String, String> tags) {

        boolean matches(FindingEvent event) {
            Map<String, String> resourceTags = event.resource().tags() == null ? Map.of() : event.resource().tags();
            return (severities == null || severities.contains(event.severity()))
                    && (pillars == null || pillars.contains(event.pillar()))
                    && any(rules, event.ruleId())
                    && any(accounts, event.accountId())
                    && any(regions, event.region())
                    && tags.entrySet().stream().allMatch(t -> t.getValue().equals(resourceTags.get(t.getKey())));
        }

        private static boolean any(List<Pattern> patterns, String value) {
            return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(value).matches());
        }
    }
}
