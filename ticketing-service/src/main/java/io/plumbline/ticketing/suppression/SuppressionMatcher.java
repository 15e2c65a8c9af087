package io.plumbline.ticketing.suppression;

import io.plumbline.ticketing.finding.TrackedFinding;
import io.plumbline.ticketing.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which active suppression rule, if any, covers a finding. */
@ApplicationScoped
public class SuppressionMatcher {

    /** The rules in force, loaded once per batch. */
    public Active active() {
        List<Suppression> rules = Suppression.list("expiredAt is null and (expiresAt is null or expiresAt > ?1) order by id",
                Instant.now());
        return new Active(rules.stream().map(Compiled::new).toList());
    }

    public record Active(List<Compiled> rules) {
        public Optional<Long> match(TrackedFinding finding) {
            return rules.stream().filter(r -> r.matches(finding)).map(r -> r.rule().id).findFirst();
        }
    }

    /** One rule with its globs compiled; an absent criterion matches anything. */
    public record Compiled(Suppression rule, Pattern account, Pattern ruleId, Pattern region, Pattern arn) {

        Compiled(Suppression rule) {
            this(rule, glob(rule.accountId), glob(rule.ruleId), glob(rule.region), glob(rule.resourceArn));
        }

        public boolean matches(TrackedFinding finding) {
            if (!(matches(account, finding.accountId) && matches(ruleId, finding.ruleId)
                    && matches(region, finding.region) && matches(arn, finding.resourceArn))) {
                return false;
            }
            if (rule.tagKey == null) {
                return true;
            }
            Map<String, String> tags = finding.tags();
            return tags.containsKey(rule.tagKey) && (rule.tagValue == null || rule.tagValue.equals(tags.get(rule.tagKey)));
        }

        private static boolean matches(Pattern pattern, String value) {
            return pattern == null || (value != null && pattern.matcher(value).matches());
        }

        private static Pattern glob(String glob) {
            return glob == null || glob.isBlank() ? null : Router.glob(glob);
        }
    }
}
