package io.plumbline.ticketing.sink;

import java.util.List;
import java.util.Optional;

/**
 * Route-specific placement on the destinations; an empty value means "the destination's configured default".
 */
public record Target(
        Optional<String> jiraProject,
        Optional<String> jiraIssueType,
        Optional<String> serviceNowAssignmentGroup,
        List<String> opsGenieResponders,
        Optional<String> slackChannel) {

    public static Target defaults() {
        return new Target(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }
}
