package io.plumbline.remediation.action;

/** The resource a finding points at. */
public record Target(String accountId, String region, String resourceArn, String resourceId, String ruleId) {}
