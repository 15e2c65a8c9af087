package io.plumbline.remediation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every remediation setting, checked at start-up; a bad value fails the start naming its key. */
@ConfigMapping(prefix = "plumbline.remediation")
public interface RemediationConfig {

    /** Nothing is proposed, posted or changed unless this is switched on. */
    @WithDefault("false")
    boolean enabled();

    /** Per action id, e.g. {@code plumbline.remediation.actions.rds-enable-multi-az.enabled=true}. */
    Map<String, Action> actions();

    /** A resource carrying this tag ({@code key=value}) is never changed. */
    @WithDefault("plumbline:protect=true")
    @Pattern(regexp = "^[^=]+=.*$", message = "must be key=value")
    String protectTag();

    /** Blast radius: executed actions per hour and per account. */
    @WithDefault("5")
    @Min(1)
    @Max(1000)
    int maxActionsPerHourPerAccount();

    /** How long a proposal waits for a decision before it expires. */
    @WithDefault("24h")
    Duration approvalTtl();

    /** Bearer token for {@code POST /api/v1/proposals/{id}/approve|reject}; absent = that API refuses everyone. */
    Optional<String> apiToken();

    /** The scanner, asked for a targeted rescan after a fix. */
    @WithDefault("http://127.0.0.1:8081")
    String scannerUrl();

    /** S3 path-style addressing ({@code endpoint/bucket}), for emulators such as moto. */
    @WithDefault("false")
    boolean s3PathStyle();

    Verification verification();

    // --- execution: per-account roles, intake ---------------------------------------------

    /**
     * Per AWS account id ({@code accounts."123456789012".role-arn}): the remediation role assumed there. An account
     * without an entry is changed with the SDK default credentials chain.
     */
    Map<String, Account> accounts();

    interface Account {
        /** The account's remediation role (not the scanner's read-only one). */
        @Pattern(regexp = "^arn:aws[a-z-]*:iam::\\d{12}:role/.+$", message = "is not an IAM role ARN")
        String roleArn();

        /** The external id the role's trust policy requires. */
        Optional<String> externalId();

        /** Shown in CloudTrail as the session that made each change. */
        @WithDefault("plumbline-remediation")
        @Pattern(regexp = "^[\\w+=,.@-]{2,64}$", message = "is not a valid STS role session name")
        String sessionName();
    }

    // --- end execution ---------------------------------------------------------------------

    Slack slack();

    interface Action {
        @WithDefault("false")
        boolean enabled();

        /** Slack user ids allowed to approve or reject this action's proposals. */
        Optional<List<@Pattern(regexp = "^[UW][A-Z0-9]{2,}$", message = "is not a Slack user id") String>> approvers();

        /** Account ids this action may change; absent = every account. */
        Optional<List<@Pattern(regexp = "^\\d{12}$", message = "is not an AWS account id") String>> accounts();

        /** Regions this action may change; absent = every region. */
        Optional<List<@Pattern(regexp = "^[a-z]{2}(-gov)?-[a-z]+-\\d$", message = "is not an AWS region name") String>> regions();

        /** Resource tags ({@code tags.<key>=<value>}) a resource must carry, every one, to be in scope; none = every resource. */
        Map<String, String> tags();

        /** Slack user group ids ({@code S…}) whose members may approve or reject too; read with {@code usergroups:read}. */
        Optional<List<@Pattern(regexp = "^S[A-Z0-9]{2,}$", message = "is not a Slack user group id") String>> approverGroups();

        /** Two different approvers must approve before the fix runs; one reject still rejects. */
        @WithDefault("false")
        boolean twoPerson();

        /** RDS: apply now rather than in the next maintenance window. */
        @WithDefault("false")
        boolean applyImmediately();

        /** sg-restrict-world-ingress: ports that may stay open to the world. */
        @WithDefault("80,443")
        List<@Min(0) @Max(65535) Integer> allowedPorts();

        /** rds-set-backup-retention: the automated-backup retention period to set, in days. */
        @WithDefault("7")
        @Min(1)
        @Max(35)
        int days();
    }

    interface Verification {
        /** Pause between checks of the scanner's finding after a rescan. */
        @WithDefault("5s")
        Duration interval();

        /** Checks before giving up (the proposal then stays SUCCEEDED). */
        @WithDefault("24")
        @Min(1)
        int attempts();
    }

    interface Slack {
        /** The Slack app's signing secret; without it every interaction is refused. */
        Optional<String> signingSecret();

        /** Bot token ({@code xoxb-…}) with {@code chat:write}. */
        Optional<String> botToken();

        /** Channel id the proposals are posted to. */
        Optional<String> channel();

        @WithDefault("https://slack.com")
        String baseUrl();

        /** How long the members of an approver group are remembered before Slack is asked again. */
        @WithDefault("60s")
        Duration usergroupCacheTtl();

        /** The longest a click waits for Slack's answer about group membership (a click is answered within 3 s). */
        @WithDefault("1s")
        Duration usergroupTimeout();
    }
}
