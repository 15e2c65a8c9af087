package io.plumbline.ticketing.routing;

import io.plumbline.ticketing.sink.Target;
import java.util.List;

/** Where a finding's incident goes: the route's name, its grouping, its (configured) destinations and placement. */
public record RoutePlan(String name, Grouping grouping, List<String> destinations, Target target) {}
